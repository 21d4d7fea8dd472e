using System.Text.Json.Nodes;
using DongDa.Hierarchy.TestSupport;

namespace DongDa.Hierarchy.Api.Tests;

/// <summary>
/// A store written by an earlier build is read by this one exactly as that build read it. The
/// SQLite file in <c>StoredState/</c> was written through the API by the build of December 2026
/// (before grain types and interfaces were given aliases): a district, two wards, two cells, a move,
/// one record of each kind and 520 study sessions at one cell (enough for its counters to be kept
/// in a snapshot grain of their own); the JSON files beside it are what that build answered.
/// Rows are found by state name and grain key and decoded by type alias, so renaming a state, or a
/// stored type without keeping its alias, fails here (renaming the state "organization" failed all
/// seven). The grain type is not part of a row's key here: a changed <c>[GrainType]</c> still loads,
/// but would change every grain's id.
/// </summary>
public sealed class StoredStateTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "StoredState");

    [Theory]
    [InlineData("orgs/luu-quan/metrics", "metrics.json")]
    [InlineData("orgs/luu-quan/drilldown?from=2021-01-01&to=2022-12-31", "drilldown.json")]
    [InlineData("orgs/luu-p1/children", "children-p1.json")]
    [InlineData("orgs/luu-p2", "org-p2.json")]
    [InlineData("orgs/luu-p1-cb2/audit", "audit-cb2.json")]
    [InlineData("orgs/luu-p2/mass-mobilization", "mass-p2.json")]
    public async Task A_store_written_by_an_earlier_build_answers_as_that_build_did(string path, string answer)
    {
        await using var store = EarlierStore();
        await using var host = new HostFactory(store, seed: false);
        using var client = host.CreateClient();

        using var response = await client.GetAsync("/api/v1/" + path);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, answer)));
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(body)), $"expected {expected?.ToJsonString()}\nactual   {body}");
    }

    [Fact]
    public async Task The_520_study_sessions_an_earlier_build_stored_at_one_cell_are_all_listed()
    {
        await using var store = EarlierStore();
        await using var host = new HostFactory(store, seed: false);
        using var client = host.CreateClient();

        using var response = await client.GetAsync("/api/v1/orgs/luu-p1-cb1/study-sessions?limit=1000");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        var page = JsonNode.Parse(body)!;

        var ids = page["items"]!.AsArray().Select(item => (string)item!["recordId"]!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Enumerable.Range(1, 520).Select(i => $"hs-{i:000}"), ids);
    }

    /// <summary>A store of its own holding a copy of the earlier build's file.</summary>
    private static SqliteTestStore EarlierStore()
    {
        var store = new SqliteTestStore();
        Directory.CreateDirectory(store.Directory);
        File.Copy(Path.Combine(Folder, "hierarchy-2026-12.sqlite"), Path.Combine(store.Directory, "hierarchy.db"));
        return store;
    }
}
