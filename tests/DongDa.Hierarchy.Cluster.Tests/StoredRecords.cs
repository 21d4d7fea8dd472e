using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace DongDa.Hierarchy.Cluster.Tests;

/// <summary>Reads back, through the API, every record stored in a test hierarchy.</summary>
public static class StoredRecords
{
    /// <summary>Every record listed, by record id, with the organization and kind it was listed under; a record listed twice fails.</summary>
    public static async Task<Dictionary<string, (string OrgId, string Path, JsonNode Record)>> List(HttpClient client, TestHierarchy hierarchy)
    {
        var stored = new Dictionary<string, (string, string, JsonNode)>(StringComparer.Ordinal);
        foreach (var org in hierarchy.Orgs)
        {
            foreach (var path in PlannedWrite.Paths)
            {
                string? cursor = null;
                do
                {
                    var page = (await client.GetFromJsonAsync<JsonNode>($"/api/v1/orgs/{org.Id}/{path}?limit=1000" + (cursor is null ? "" : $"&cursor={cursor}")))!;
                    foreach (var item in page["items"]!.AsArray())
                    {
                        var recordId = item!["recordId"]!.GetValue<string>();
                        Assert.True(stored.TryAdd(recordId, (org.Id, path, item)), $"{recordId} is listed twice");
                    }

                    cursor = page["next"]?.GetValue<string>();
                }
                while (cursor is not null);
            }
        }

        return stored;
    }
}
