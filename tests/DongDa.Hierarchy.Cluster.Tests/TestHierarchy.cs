using System.Net.Http.Json;

namespace DongDa.Hierarchy.Cluster.Tests;

/// <summary>A district of four grassroots organizations, each with a partial committee and cells under both.</summary>
public sealed class TestHierarchy
{
    public sealed record Org(string Id, string Level, string? ParentId);

    public TestHierarchy(string prefix)
    {
        var district = new Org($"{prefix}-d", "district", null);
        Orgs.Add(district);
        for (var g = 1; g <= 4; g++)
        {
            var grassroots = new Org($"{prefix}-g{g}", "grassroots", district.Id);
            var partial = new Org($"{prefix}-g{g}-p", "partial", grassroots.Id);
            Orgs.AddRange([grassroots, partial]);
            for (var c = 1; c <= 4; c++)
            {
                Orgs.Add(new Org($"{grassroots.Id}-c{c}", "cell", grassroots.Id));
                Orgs.Add(new Org($"{partial.Id}-c{c}", "cell", partial.Id));
            }
        }
    }

    /// <summary>Parents before children.</summary>
    public List<Org> Orgs { get; } = [];

    public Org Root => Orgs[0];

    public IEnumerable<Org> Grassroots => Orgs.Where(org => org.Level == "grassroots");

    public bool IsWithin(Org org, Org ancestor)
    {
        for (Org? current = org; current is not null; current = current.ParentId is { } parent ? Orgs.Single(o => o.Id == parent) : null)
        {
            if (current.Id == ancestor.Id) return true;
        }

        return false;
    }

    public async Task CreateAsync(HttpClient client)
    {
        foreach (var org in Orgs)
        {
            using var response = await client.PutAsJsonAsync($"/api/v1/orgs/{org.Id}", new
            {
                name = "Tổ chức " + org.Id,
                level = org.Level,
                kind = "test",
                parentId = org.ParentId,
                memberCount = 20,
            });
            Assert.True(response.IsSuccessStatusCode, $"creating {org.Id}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
