using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace DongDa.Hierarchy.Cluster.Tests;

/// <summary>What a cluster must answer after faults: each planned record stored once, and figures that are the sums of the records.</summary>
public static class ClusterOracle
{
    public static async Task AssertEveryRecordIsStoredOnce(HttpClient client, TestHierarchy hierarchy, IReadOnlyList<PlannedWrite> writes)
    {
        var stored = await StoredRecords.List(client, hierarchy);
        Assert.Equal(writes.Select(write => (write.RecordId, write.Org.Id)).Order(), stored.Select(record => (record.Key, record.Value.OrgId)).Order());
    }

    /// <summary>The root's totals, its split by conducting level, and each grassroots subtree equal sums over the records written.</summary>
    public static async Task AssertFiguresMatchTheOracle(HttpClient client, TestHierarchy hierarchy, IReadOnlyList<PlannedWrite> writes)
    {
        static Tally Sum(IEnumerable<PlannedWrite> some) => some.Aggregate(default(Tally), (sum, write) => sum + write.Tally);

        var root = (await client.GetFromJsonAsync<JsonNode>($"/api/v1/orgs/{hierarchy.Root.Id}/metrics"))!;
        Assert.Equal(hierarchy.Orgs.Count, root["orgs"]!["total"]!.GetValue<int>());
        Assert.Equal(Sum(writes), Tally.From(root["total"]!));
        foreach (var level in new[] { "district", "grassroots", "partial", "cell" })
        {
            Assert.Equal(Sum(writes.Where(write => write.Org.Level == level)), Tally.From(root["byConductorLevel"]![level]!));
        }

        foreach (var grassroots in hierarchy.Grassroots)
        {
            var subtree = (await client.GetFromJsonAsync<JsonNode>($"/api/v1/orgs/{grassroots.Id}/metrics"))!;
            Assert.Equal(Sum(writes.Where(write => hierarchy.IsWithin(write.Org, grassroots))), Tally.From(subtree["total"]!));
        }
    }
}
