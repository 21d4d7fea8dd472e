using System.Net;

namespace DongDa.Hierarchy.Api.Tests;

/// <summary>
/// Many clients at once: writers to one organization and to siblings under one parent lose no
/// update while queries interleave, and parallel replays of one record id store it once.
/// </summary>
public abstract class ConcurrentWriteTests(HostFixture fixture)
{
    private const int Clients = 16;
    private const int WritesEach = 25;

    private async Task<string> District(string prefix, int cells)
    {
        var client = fixture.Client;
        await client.CreateUnlessExists($"{prefix}-d", async () =>
        {
            await client.Put($"/api/v1/orgs/{prefix}-d", Builders.Org("Quận", "district", null));
            await client.Put($"/api/v1/orgs/{prefix}-g", Builders.Org("Phường", "grassroots", $"{prefix}-d"));
            for (var cell = 0; cell < cells; cell++)
            {
                await client.Put($"/api/v1/orgs/{prefix}-c{cell}", Builders.Org($"Chi bộ {cell}", "cell", $"{prefix}-g"));
            }
        });
        return $"{prefix}-d";
    }

    private static Dictionary<string, object?> Session(string recordId) =>
        Builders.Record("study-sessions", recordId).With("classes", 1).With("attendees", 10);

    private static async Task<int> Classes(HttpClient client, string orgId) =>
        (await client.Get($"/api/v1/orgs/{orgId}/metrics")).Body!["total"]!["study"]!["classes"]!.GetValue<int>();

    [Fact]
    public async Task Writers_to_one_organization_and_to_siblings_lose_no_update_while_queries_interleave()
    {
        var root = await District("cc", cells: 8);
        long acknowledged = 0;
        var answers = new List<HttpStatusCode>();
        var writers = Enumerable.Range(0, Clients).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < WritesEach; i++)
            {
                // Half the clients share one cell; the others spread over its siblings.
                var cell = writer % 2 == 0 ? "cc-c0" : $"cc-c{1 + (writer + i) % 7}";
                var (status, _) = await fixture.Client.Post($"/api/v1/orgs/{cell}/study-sessions", Session($"cc-{writer}-{i}"));
                lock (answers) answers.Add(status);
                if (status == HttpStatusCode.Created) Interlocked.Increment(ref acknowledged);
            }
        })).ToArray();

        var stale = new List<string>();
        while (!writers.All(writer => writer.IsCompleted))
        {
            var before = Interlocked.Read(ref acknowledged);
            var shown = await Classes(fixture.Client, root);
            if (shown < before) stale.Add($"root showed {shown} after {before} acknowledged writes");
        }

        await Task.WhenAll(writers);
        Assert.All(answers, status => Assert.Equal(HttpStatusCode.Created, status));
        Assert.Empty(stale);
        Assert.Equal(Clients * WritesEach, await Classes(fixture.Client, root));
        Assert.Equal(Clients / 2 * WritesEach, await Classes(fixture.Client, "cc-c0"));
        var listed = (await fixture.Client.Get("/api/v1/orgs/cc-c0/study-sessions?limit=1000")).Body!["items"]!.AsArray();
        Assert.Equal(Clients / 2 * WritesEach, listed.Count);
    }

    [Fact]
    public async Task Parallel_replays_of_one_record_id_store_it_once()
    {
        var root = await District("rp", cells: 1);
        var before = await Classes(fixture.Client, root);

        var statuses = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => Task.Run(async () =>
            (await fixture.Client.Post("/api/v1/orgs/rp-c0/study-sessions", Session("rp-same"))).Status)));

        Assert.Equal(1, statuses.Count(status => status == HttpStatusCode.Created));
        Assert.Equal(23, statuses.Count(status => status == HttpStatusCode.OK));
        Assert.Equal(before + 1, await Classes(fixture.Client, root));
        var listed = (await fixture.Client.Get("/api/v1/orgs/rp-c0/study-sessions")).Body!["items"]!.AsArray();
        Assert.Single(listed, item => item!["recordId"]!.GetValue<string>() == "rp-same");
    }

    [Collection(EmptySqliteHostCollection.Name)]
    public sealed class OnSqlite(EmptySqliteHost fixture) : ConcurrentWriteTests(fixture);

    [Collection(EmptyPostgreSqlHostCollection.Name)]
    public sealed class OnPostgreSql(EmptyPostgreSqlHost fixture) : ConcurrentWriteTests(fixture);
}
