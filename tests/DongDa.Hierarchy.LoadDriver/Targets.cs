using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace DongDa.Hierarchy.LoadDriver;

/// <summary>The organizations a load writes to: the root and everything below it, read from the API.</summary>
public static class Targets
{
    public static async Task<List<string>> Load(DriverOptions options)
    {
        using var client = new HttpClient { BaseAddress = options.Url };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.Token);
        var ids = new List<string> { options.Root };
        for (var next = 0; next < ids.Count; next++)
        {
            var children = await client.GetFromJsonAsync<JsonArray>($"/api/v1/orgs/{ids[next]}/children")
                ?? throw new InvalidOperationException($"No children list for {ids[next]}.");
            ids.AddRange(children.Select(child => child!["id"]!.GetValue<string>()));
        }

        return ids;
    }
}
