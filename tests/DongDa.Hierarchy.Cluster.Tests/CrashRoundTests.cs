using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DongDa.Hierarchy.TestSupport;
using Xunit.Abstractions;

namespace DongDa.Hierarchy.Cluster.Tests;

/// <summary>
/// The host as a real process, killed with SIGKILL at a random moment of a load of every record
/// kind, round after round. After each restart, before anything else touches the records: every
/// acknowledged write is stored exactly once, every stored record is wholly one that was sent, and
/// every organization's figures equal the sums over exactly the records that survived.
/// </summary>
public abstract class CrashRoundTests(ITestOutputHelper output)
{
    private const int WritesPerRound = 400;
    private const int Writers = 8;
    private const int Seed = 20261129;

    protected abstract int Rounds { get; }

    protected abstract Task<TestStore> CreateStoreAsync();

    [Fact]
    public async Task Killed_at_random_moments_the_host_keeps_every_acknowledged_write_once_and_its_figures_exact()
    {
        await using var store = await CreateStoreAsync();
        await using var host = await HostProcess.StartAsync("crash", store);
        var hierarchy = new TestHierarchy("cr");
        await hierarchy.CreateAsync(host.Client);
        var random = new Random(Seed);
        var planned = new Dictionary<string, PlannedWrite>(StringComparer.Ordinal);
        var acknowledged = new HashSet<string>(StringComparer.Ordinal);

        for (var round = 1; round <= Rounds; round++)
        {
            var writes = Enumerable.Range(0, WritesPerRound)
                .Select(i => PlannedWrite.Random(random, hierarchy.Orgs[random.Next(hierarchy.Orgs.Count)], $"r{round}-{i}"))
                .ToList();
            writes.ForEach(write => planned.Add(write.RecordId, write));

            var killAfter = random.Next(WritesPerRound / 10, WritesPerRound / 2);
            var load = new WriteLoad(writes, _ => host, signalAfter: killAfter, retry: false);
            var loading = load.RunAsync(Writers);
            Assert.Same(load.Midway, await Task.WhenAny(load.Midway, loading));
            await Task.Delay(random.Next(0, 25));
            host.Kill();
            await loading;
            acknowledged.UnionWith(load.AcknowledgedIds.Keys);

            await host.StartAsync();
            // Figures first: listing records loads their pages, which could mend what a rollup alone would show.
            var figures = await Figures(host.Client, hierarchy);
            var stored = await StoredRecords.List(host.Client, hierarchy);
            AssertStoredOnceAndWhole(stored, acknowledged, planned);
            var survivors = stored.Keys.Select(id => planned[id]).ToList();
            Assert.Equal(Oracle(hierarchy, survivors), figures);
            Assert.Equal(Oracle(hierarchy, survivors), await Figures(host.Client, hierarchy));

            var committedUnanswered = stored.Keys.Count(id => id.StartsWith($"r{round}-", StringComparison.Ordinal) && !acknowledged.Contains(id));
            output.WriteLine($"round {round}: killed after {load.Acknowledged} of {WritesPerRound} writes were acknowledged; "
                + $"{load.Unanswered} got no answer, {committedUnanswered} of them were stored all the same; {stored.Count} records checked.");

            // Like careful clients, send again what got no answer: each is then stored once.
            var replay = new WriteLoad(writes.Where(write => !acknowledged.Contains(write.RecordId)).ToList(), _ => host, signalAfter: 1);
            await replay.RunAsync(Writers);
            Assert.Empty(replay.Violations);
            acknowledged.UnionWith(replay.AcknowledgedIds.Keys);
            Assert.Equal(planned.Count, acknowledged.Count);
        }

        var final = await StoredRecords.List(host.Client, hierarchy);
        Assert.Equal(planned.Keys.Order(StringComparer.Ordinal), final.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(Oracle(hierarchy, planned.Values.ToList()), await Figures(host.Client, hierarchy));
        output.WriteLine($"{Rounds} kill rounds survived; {planned.Count} writes checked.");
    }

    /// <summary>Each organization's subtree figures, and how many of its organizations registered for study.</summary>
    private static async Task<Dictionary<string, (Tally Total, int RegisteredOrgs)>> Figures(HttpClient client, TestHierarchy hierarchy)
    {
        var figures = new Dictionary<string, (Tally, int)>(StringComparer.Ordinal);
        foreach (var org in hierarchy.Orgs)
        {
            var metrics = (await client.GetFromJsonAsync<JsonNode>($"/api/v1/orgs/{org.Id}/metrics"))!;
            figures[org.Id] = (Tally.From(metrics["total"]!), metrics["total"]!["study"]!["registeredOrgs"]!.GetValue<int>());
        }

        return figures;
    }

    private static Dictionary<string, (Tally Total, int RegisteredOrgs)> Oracle(TestHierarchy hierarchy, IReadOnlyList<PlannedWrite> survivors) =>
        hierarchy.Orgs.ToDictionary(org => org.Id, org =>
        {
            var within = survivors.Where(write => hierarchy.IsWithin(write.Org, org)).ToList();
            var total = within.Aggregate(default(Tally), (sum, write) => sum + write.Tally);
            var registered = within.Where(write => write.Path == "study-registrations").Select(write => write.Org.Id).Distinct().Count();
            return (total, registered);
        }, StringComparer.Ordinal);

    private static void AssertStoredOnceAndWhole(
        Dictionary<string, (string OrgId, string Path, JsonNode Record)> stored, HashSet<string> acknowledged, Dictionary<string, PlannedWrite> planned)
    {
        Assert.All(acknowledged, recordId => Assert.True(stored.ContainsKey(recordId), $"acknowledged {recordId} is missing"));
        foreach (var (recordId, (orgId, path, record)) in stored)
        {
            Assert.True(planned.TryGetValue(recordId, out var write), $"{recordId} was never sent");
            Assert.Equal((write.Org.Id, write.Path), (orgId, path));
            foreach (var (field, value) in JsonNode.Parse(write.Body)!.AsObject())
            {
                Assert.True(JsonNode.DeepEquals(value, record[field]), $"{recordId}.{field} is {record[field]?.ToJsonString()}, sent {value?.ToJsonString()}");
            }
        }
    }

    public sealed class OnSqlite(ITestOutputHelper output) : CrashRoundTests(output)
    {
        protected override int Rounds => 5;

        protected override Task<TestStore> CreateStoreAsync() => Task.FromResult<TestStore>(new SqliteTestStore());
    }

    public sealed class OnPostgreSql(ITestOutputHelper output) : CrashRoundTests(output)
    {
        protected override int Rounds => 4;

        protected override async Task<TestStore> CreateStoreAsync() => await PostgreSqlTestStore.CreateAsync();
    }
}
