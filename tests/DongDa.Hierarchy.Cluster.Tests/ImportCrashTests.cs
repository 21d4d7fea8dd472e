using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using DongDa.Hierarchy.TestSupport;
using Xunit.Abstractions;

namespace DongDa.Hierarchy.Cluster.Tests;

/// <summary>
/// The host as a real process, killed with SIGKILL while it imports a file, round after round: after
/// each restart every row is stored once or not at all, the figures are the sums of exactly the rows
/// stored, and sending the same file again stores the rest, once.
/// </summary>
public abstract class ImportCrashTests(ITestOutputHelper output)
{
    private const int Rows = 20_000;
    private const int Seed = 20261204;

    protected abstract int Rounds { get; }

    protected abstract Task<TestStore> CreateStoreAsync();

    [Fact]
    public async Task Killed_during_an_import_the_host_keeps_each_row_once_or_not_at_all_and_the_same_file_completes_it()
    {
        await using var store = await CreateStoreAsync();
        await using var host = await HostProcess.StartAsync("import-crash", store);
        var hierarchy = new TestHierarchy("ic");
        await hierarchy.CreateAsync(host.Client);
        var cells = hierarchy.Orgs.Where(org => org.Level == "cell").ToList();
        var random = new Random(Seed);

        for (var round = 1; round <= Rounds; round++)
        {
            // Each row: a study session of one class with as many attendees as its number, so that every figure names the rows it sums.
            var rows = Enumerable.Range(0, Rows).Select(i => (Org: cells[random.Next(cells.Count)], Id: $"ic{round}-{i}", Attendees: i + 1)).ToList();
            var file = Encoding.UTF8.GetBytes("orgId,recordId,date,document,classes,attendees\r\n"
                + string.Concat(rows.Select(row => $"{row.Org.Id},{row.Id},2024-03-{1 + row.Attendees % 28:D2},Nghị quyết,1,{row.Attendees}\r\n")));

            var importing = Import(host.Client, file);
            await Task.Delay(random.Next(150, 1200));
            host.Kill();
            var answer = await importing;
            await host.StartAsync();

            var stored = await Stored(host.Client, hierarchy);
            var earlier = stored.Keys.Count(id => !id.StartsWith($"ic{round}-", StringComparison.Ordinal));
            var ofThisRound = rows.Where(row => stored.ContainsKey(row.Id)).ToList();
            Assert.All(ofThisRound, row => Assert.Equal((row.Org.Id, row.Attendees), stored[row.Id]));
            await AssertFigures(host.Client, hierarchy, stored);
            output.WriteLine($"round {round}: killed with the import answered {answer}; {ofThisRound.Count} of {Rows} rows were stored, each once, figures exact.");

            var again = await Import(host.Client, file);
            Assert.Equal($"200 {{\"rows\":{Rows},\"stored\":{Rows - ofThisRound.Count},\"unchanged\":{ofThisRound.Count}}}", again);
            var complete = await Stored(host.Client, hierarchy);
            Assert.Equal(earlier + Rows, complete.Count);
            await AssertFigures(host.Client, hierarchy, complete);
        }
    }

    /// <summary>The import's status and body, or what the connection said when the host died under it.</summary>
    private static async Task<string> Import(HttpClient client, byte[] file)
    {
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        try
        {
            using var response = await client.PostAsync("/api/v1/orgs/ic-d/study-sessions/import", content);
            return $"{(int)response.StatusCode} {(await response.Content.ReadAsStringAsync()).Trim()}";
        }
        catch (HttpRequestException failed)
        {
            return $"no answer ({failed.HttpRequestError})";
        }
    }

    /// <summary>Every study session stored, by record id, with its organization and attendees; one listed twice fails.</summary>
    private static async Task<Dictionary<string, (string OrgId, int Attendees)>> Stored(HttpClient client, TestHierarchy hierarchy) =>
        (await StoredRecords.List(client, hierarchy)).ToDictionary(
            stored => stored.Key, stored => (stored.Value.OrgId, stored.Value.Record["attendees"]!.GetValue<int>()), StringComparer.Ordinal);

    /// <summary>Every organization's classes and attendances are the sums over exactly the stored sessions of its subtree.</summary>
    private static async Task AssertFigures(HttpClient client, TestHierarchy hierarchy, Dictionary<string, (string OrgId, int Attendees)> stored)
    {
        var ancestors = hierarchy.Orgs.ToDictionary(org => org.Id, org => hierarchy.Orgs.Where(above => hierarchy.IsWithin(org, above)).Select(above => above.Id).ToList());
        var sums = hierarchy.Orgs.ToDictionary(org => org.Id, _ => (Classes: 0, Attendees: 0L));
        foreach (var (orgId, attendees) in stored.Values)
        {
            foreach (var ancestor in ancestors[orgId]) sums[ancestor] = (sums[ancestor].Classes + 1, sums[ancestor].Attendees + attendees);
        }

        foreach (var org in hierarchy.Orgs)
        {
            var study = (await client.GetFromJsonAsync<JsonNode>($"/api/v1/orgs/{org.Id}/metrics"))!["total"]!["study"]!;
            Assert.Equal(sums[org.Id], (study["classes"]!.GetValue<int>(), study["attendees"]!.GetValue<long>()));
        }
    }

    public sealed class OnSqlite(ITestOutputHelper output) : ImportCrashTests(output)
    {
        protected override int Rounds => 3;

        protected override Task<TestStore> CreateStoreAsync() => Task.FromResult<TestStore>(new SqliteTestStore());
    }

    public sealed class OnPostgreSql(ITestOutputHelper output) : ImportCrashTests(output)
    {
        protected override int Rounds => 2;

        protected override async Task<TestStore> CreateStoreAsync() => await PostgreSqlTestStore.CreateAsync();
    }
}
