using System.Net;
using System.Text.Json.Nodes;

namespace DongDa.Hierarchy.Api.Tests;

/// <summary>Every accepted write is in the audit trail with who, when, where, what and which record; refused ones are not.</summary>
[Collection(AccessHostCollection.Name)]
public sealed class AuditTrailTests(AccessHost fixture)
{
    [Fact]
    public async Task Accepted_writes_are_listed_with_their_author_in_order_and_refused_ones_are_not()
    {
        var admin = fixture.Factory.CreateClient().As(Tokens.Of("chanh-van-phong", "admin", "au-d"));
        var recorder = fixture.Factory.CreateClient().As(Tokens.Of("can-bo-uy-ban-kiem-tra", "recorder", "au-g"));
        var outsider = fixture.Factory.CreateClient().As(Tokens.Of("nguoi-ngoai", "recorder", "au-other"));
        Assert.Equal(HttpStatusCode.Created, (await admin.Put("/api/v1/orgs/au-d", Builders.Org("Quận", "district", null))).Status);
        Assert.Equal(HttpStatusCode.Created, (await admin.Put("/api/v1/orgs/au-g", Builders.Org("Phường", "grassroots", "au-d"))).Status);
        Assert.Equal(HttpStatusCode.Created, (await recorder.Post("/api/v1/orgs/au-g/inspections", Builders.Record("inspections", "au-1"))).Status);
        Assert.Equal(HttpStatusCode.Created, (await recorder.Post("/api/v1/orgs/au-g/study-sessions", Builders.Record("study-sessions", "au-2"))).Status);
        Assert.Equal(HttpStatusCode.OK, (await recorder.Post("/api/v1/orgs/au-g/study-sessions", Builders.Record("study-sessions", "au-2"))).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.Post("/api/v1/orgs/au-g/inspections", Builders.Record("inspections", "au-3"))).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await recorder.Put("/api/v1/orgs/au-g", Builders.Org("Phường đổi tên", "grassroots", "au-d"))).Status);
        Assert.Equal(HttpStatusCode.OK, (await admin.Put("/api/v1/orgs/au-g", Builders.Org("Phường mới", "grassroots", "au-d"))).Status);

        var entries = await ReadAll(admin, "/api/v1/orgs/au-g/audit", limit: 1);

        Assert.Equal(
            ["chanh-van-phong created organization -", "can-bo-uy-ban-kiem-tra recorded inspection au-1",
             "can-bo-uy-ban-kiem-tra recorded studySession au-2", "chanh-van-phong updated organization -"],
            entries.Select(entry => $"{entry["subject"]} {entry["action"]} {entry["kind"]} {entry["recordId"]?.GetValue<string>() ?? "-"}"));
        Assert.All(entries, entry => Assert.Equal("au-g", entry["orgId"]!.GetValue<string>()));
        Assert.Equal(["name: \"Phường\" → \"Phường mới\""], entries[^1]["changes"]!.AsArray().Select(change => $"{change!["field"]}: {change["from"]} → {change["to"]}"));
        var times = entries.Select(entry => entry["at"]!.GetValue<DateTimeOffset>()).ToList();
        Assert.Equal(times.Order(), times);
        Assert.True(times[^1] <= DateTimeOffset.UtcNow && times[0] > DateTimeOffset.UtcNow.AddMinutes(-5));
    }

    [Fact]
    public async Task The_audit_listing_filters_by_date_pages_and_is_for_admins_within_scope()
    {
        await fixture.Client.CreateUnlessExists("au2-d", async () =>
        {
            await fixture.Client.Put("/api/v1/orgs/au2-d", Builders.Org("Quận", "district", null));
            await fixture.Client.Put("/api/v1/orgs/au2-g", Builders.Org("Phường", "grassroots", "au2-d"));
        });
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd");
        var yesterday = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd");

        Assert.NotEmpty(await ReadAll(fixture.Client, $"/api/v1/orgs/au2-g/audit?from={today}&to={today}", limit: 100));
        Assert.Empty(await ReadAll(fixture.Client, $"/api/v1/orgs/au2-g/audit?to={yesterday}", limit: 100));
        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.Factory.CreateClient().As(Tokens.For("recorder", "au2-d")).Get("/api/v1/orgs/au2-g/audit")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.Factory.CreateClient().As(Tokens.For("admin", "au-d")).Get("/api/v1/orgs/au2-g/audit")).Status);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Factory.CreateClient().As(Tokens.For("admin", "au2-d")).Get("/api/v1/orgs/au2-g/audit")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await fixture.Client.Get("/api/v1/orgs/au2-g/audit?cursor=not-a-cursor")).Status);
    }

    [Fact]
    public async Task A_move_is_listed_with_the_parent_left_and_the_parent_joined()
    {
        await fixture.Client.Put("/api/v1/orgs/au3-d", Builders.Org("Quận", "district", null));
        await fixture.Client.Put("/api/v1/orgs/au3-a", Builders.Org("Phường A", "grassroots", "au3-d"));
        await fixture.Client.Put("/api/v1/orgs/au3-b", Builders.Org("Phường B", "grassroots", "au3-d"));
        await fixture.Client.Put("/api/v1/orgs/au3-c", Builders.Org("Chi bộ", "cell", "au3-a"));
        Assert.Equal(HttpStatusCode.OK, (await fixture.Client.Put("/api/v1/orgs/au3-c", Builders.Org("Chi bộ", "cell", "au3-b"))).Status);

        var entries = await ReadAll(fixture.Client, "/api/v1/orgs/au3-c/audit", limit: 100);

        Assert.Equal(
            ["created - au3-a", "moved au3-a au3-b"],
            entries.Select(entry => $"{entry["action"]} {entry["fromParentId"]?.GetValue<string>() ?? "-"} {entry["toParentId"]?.GetValue<string>()}"));
    }

    /// <summary>Follows the cursors to the end.</summary>
    private static async Task<List<JsonNode>> ReadAll(HttpClient client, string path, int limit)
    {
        var entries = new List<JsonNode>();
        string? cursor = null;
        do
        {
            var separator = path.Contains('?') ? '&' : '?';
            var (status, page) = await client.Get($"{path}{separator}limit={limit}" + (cursor is null ? "" : $"&cursor={cursor}"));
            Assert.Equal(HttpStatusCode.OK, status);
            entries.AddRange(page!["items"]!.AsArray().Select(item => item!));
            cursor = page["next"]?.GetValue<string>();
        }
        while (cursor is not null);
        return entries;
    }
}
