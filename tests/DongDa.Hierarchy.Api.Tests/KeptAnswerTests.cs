using System.Net;
using System.Net.Http.Headers;

namespace DongDa.Hierarchy.Api.Tests;

/// <summary>
/// Figure reads carry an ETag naming the state they were read from; a client that sends it back
/// gets 304 and no body while nothing the answer shows has changed, and the new answer as soon as
/// anything has: a record below, a rename, a move above.
/// </summary>
[Collection(EmptySqliteHostCollection.Name)]
public sealed class KeptAnswerTests(EmptySqliteHost fixture)
{
    private HttpClient Client => fixture.Client;

    private async Task<(HttpStatusCode Status, EntityTagHeaderValue? ETag, string Body)> Get(string path, EntityTagHeaderValue? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (ifNoneMatch is not null) request.Headers.IfNoneMatch.Add(ifNoneMatch);
        using var response = await Client.SendAsync(request);
        if (response.StatusCode == HttpStatusCode.OK) Assert.True(response.Headers.CacheControl is { Private: true, NoCache: true }, $"Cache-Control: {response.Headers.CacheControl}");
        return (response.StatusCode, response.Headers.ETag, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Metrics_answer_304_with_no_body_to_their_own_etag_and_the_new_figures_after_a_record_below()
    {
        await Client.Put("/api/v1/orgs/k1-d", Builders.Org("Quận", "district", null));
        await Client.Put("/api/v1/orgs/k1-g", Builders.Org("Phường", "grassroots", "k1-d"));
        await Client.Put("/api/v1/orgs/k1-c", Builders.Org("Chi bộ", "cell", "k1-g"));
        const string path = "/api/v1/orgs/k1-d/metrics?from=2021-01-01&to=2021-12-31";

        var (status, etag, body) = await Get(path);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotNull(etag);
        Assert.False(etag.IsWeak);

        var unchanged = await Get(path, etag);
        Assert.Equal((HttpStatusCode.NotModified, etag, ""), unchanged);
        // The same answer again, byte for byte, to a client without it.
        Assert.Equal((HttpStatusCode.OK, etag, body), await Get(path));
        // Another period is another answer.
        Assert.Equal(HttpStatusCode.OK, (await Get("/api/v1/orgs/k1-d/metrics?from=2022-01-01&to=2022-12-31", etag)).Status);

        await Client.Post("/api/v1/orgs/k1-c/study-sessions", Builders.Record("study-sessions", "k1-one"));
        var (afterStatus, afterETag, afterBody) = await Get(path, etag);
        Assert.Equal(HttpStatusCode.OK, afterStatus);
        Assert.NotEqual(etag, afterETag);
        Assert.NotEqual(body, afterBody);
        Assert.Equal((await Client.Get(path)).Body!["total"]!.ToJsonString(), System.Text.Json.Nodes.JsonNode.Parse(afterBody)!["total"]!.ToJsonString());
        Assert.Equal(HttpStatusCode.NotModified, (await Get(path, afterETag)).Status);
        Assert.Equal(HttpStatusCode.NotModified, (await Get(path, EntityTagHeaderValue.Any)).Status);
    }

    [Fact]
    public async Task A_drilldown_kept_by_a_client_is_answered_again_after_a_child_is_renamed_and_after_a_move_above_changes_its_path()
    {
        await Client.Put("/api/v1/orgs/k2-d", Builders.Org("Quận", "district", null));
        await Client.Put("/api/v1/orgs/k2-g1", Builders.Org("Phường 1", "grassroots", "k2-d"));
        await Client.Put("/api/v1/orgs/k2-g2", Builders.Org("Phường 2", "grassroots", "k2-d"));
        await Client.Put("/api/v1/orgs/k2-p", Builders.Org("Chi bộ ghép", "partial", "k2-g1"));
        await Client.Put("/api/v1/orgs/k2-c", Builders.Org("Chi bộ", "cell", "k2-p"));
        const string path = "/api/v1/orgs/k2-p/drilldown";
        var (_, etag, _) = await Get(path);
        Assert.Equal(HttpStatusCode.NotModified, (await Get(path, etag)).Status);

        await Client.Put("/api/v1/orgs/k2-c", Builders.Org("Chi bộ mới", "cell", "k2-p"));
        var (renamedStatus, renamedETag, renamed) = await Get(path, etag);
        Assert.Equal(HttpStatusCode.OK, renamedStatus);
        Assert.Contains("Chi bộ mới", System.Text.Json.Nodes.JsonNode.Parse(renamed)!["children"]![0]!["org"]!["name"]!.GetValue<string>());

        // Moving the node itself changes its path; nothing below it changed.
        await Client.Put("/api/v1/orgs/k2-p", Builders.Org("Chi bộ ghép", "partial", "k2-g2"));
        var (movedStatus, _, moved) = await Get(path, renamedETag);
        Assert.Equal(HttpStatusCode.OK, movedStatus);
        Assert.Equal("[\"k2-d\",\"k2-g2\",\"k2-p\"]", System.Text.Json.Nodes.JsonNode.Parse(moved)!["org"]!["path"]!.ToJsonString());

        // A move elsewhere under the same root: the cell's own drill-down shows its path, which a move above it changes.
        var (_, cellETag, _) = await Get("/api/v1/orgs/k2-c/drilldown");
        await Client.Put("/api/v1/orgs/k2-p", Builders.Org("Chi bộ ghép", "partial", "k2-g1"));
        var (cellStatus, _, cell) = await Get("/api/v1/orgs/k2-c/drilldown", cellETag);
        Assert.Equal(HttpStatusCode.OK, cellStatus);
        Assert.Equal("[\"k2-d\",\"k2-g1\",\"k2-p\",\"k2-c\"]", System.Text.Json.Nodes.JsonNode.Parse(cell)!["org"]!["path"]!.ToJsonString());
    }
}
