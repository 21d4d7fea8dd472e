using System.Net;
using DongDa.Hierarchy.TestSupport;

namespace DongDa.Hierarchy.Api.Tests;

public sealed class AccessHost() : HostFixture(seed: false)
{
    protected override Task<TestStore> CreateStoreAsync() => Stores.Sqlite();
}

[CollectionDefinition(Name)]
public sealed class AccessHostCollection : ICollectionFixture<AccessHost>
{
    public const string Name = "access host";
}

/// <summary>
/// Every role against every kind of node (own, descendant, ancestor, sibling subtree, unknown) on
/// every endpoint and method: the exact status, and that a refused request changes nothing.
/// </summary>
[Collection(AccessHostCollection.Name)]
public sealed class AccessMatrixTests(AccessHost fixture)
{
    private static readonly string[] Roles = ["viewer", "recorder", "admin"];
    private static readonly string[] Nodes = ["own", "descendant", "ancestor", "sibling", "unknown"];
    private int _recordNumber;

    private async Task Hierarchy()
    {
        await fixture.Client.CreateUnlessExists("mx-d", async () =>
        {
            await fixture.Client.Put("/api/v1/orgs/mx-d", Builders.Org("Quận", "district", null));
            await fixture.Client.Put("/api/v1/orgs/mx-a", Builders.Org("Phường A", "grassroots", "mx-d"));
            await fixture.Client.Put("/api/v1/orgs/mx-a-c", Builders.Org("Chi bộ A", "cell", "mx-a"));
            await fixture.Client.Put("/api/v1/orgs/mx-b", Builders.Org("Phường B", "grassroots", "mx-d"));
            await fixture.Client.Put("/api/v1/orgs/mx-b-c", Builders.Org("Chi bộ B", "cell", "mx-b"));
        });
    }

    private static string NodeId(string node) => node switch
    {
        "own" => "mx-a",
        "descendant" => "mx-a-c",
        "ancestor" => "mx-d",
        "sibling" => "mx-b-c",
        _ => "mx-none",
    };

    /// <summary>An unchanged update of each existing node, and for the unknown one a creation under the sibling subtree.</summary>
    private static Dictionary<string, object?> PutBody(string node) => node switch
    {
        "own" => Builders.Org("Phường A", "grassroots", "mx-d"),
        "descendant" => Builders.Org("Chi bộ A", "cell", "mx-a"),
        "ancestor" => Builders.Org("Quận", "district", null),
        "sibling" => Builders.Org("Chi bộ B", "cell", "mx-b"),
        _ => Builders.Org("Chi bộ mới", "cell", "mx-b"),
    };

    private IEnumerable<(HttpMethod Method, string Path, object? Body, string Needs)> Requests(string id, string node)
    {
        yield return (HttpMethod.Get, $"/api/v1/orgs/{id}", null, "viewer");
        yield return (HttpMethod.Get, $"/api/v1/orgs/{id}/children", null, "viewer");
        yield return (HttpMethod.Get, $"/api/v1/orgs/{id}/metrics", null, "viewer");
        yield return (HttpMethod.Get, $"/api/v1/orgs/{id}/drilldown", null, "viewer");
        yield return (HttpMethod.Get, $"/api/v1/orgs/{id}/series?from=2021-01-01&to=2021-12-31", null, "viewer");
        yield return (HttpMethod.Get, $"/api/v1/orgs/{id}/breadcrumb", null, "viewer");
        foreach (var path in Builders.RecordPaths)
        {
            yield return (HttpMethod.Get, $"/api/v1/orgs/{id}/{path}", null, "viewer");
            var recordId = $"mx-{Interlocked.Increment(ref _recordNumber)}";
            yield return (HttpMethod.Post, $"/api/v1/orgs/{id}/{path}", Builders.Record(path, recordId), "recorder");
            yield return (HttpMethod.Put, $"/api/v1/orgs/{id}/{path}/{recordId}", Builders.Record(path, recordId, "2021-06-01"), "recorder");
            yield return (HttpMethod.Delete, $"/api/v1/orgs/{id}/{path}/{recordId}?reason=ghi-nham", null, "recorder");
        }

        yield return (HttpMethod.Get, $"/api/v1/orgs/{id}/audit", null, "admin");
        yield return (HttpMethod.Put, $"/api/v1/orgs/{id}", PutBody(node), "admin");
    }

    [Fact]
    public async Task Each_role_gets_exactly_its_rights_within_its_subtree_and_403_elsewhere_and_refusals_change_nothing()
    {
        await Hierarchy();
        var failures = new List<string>();
        foreach (var role in Roles)
        {
            var client = fixture.Factory.CreateClient().As(Tokens.For(role, "mx-a"));
            foreach (var node in Nodes)
            {
                var inScope = node is "own" or "descendant";
                foreach (var (method, path, body, needs) in Requests(NodeId(node), node))
                {
                    var allowed = inScope && Array.IndexOf(Roles, role) >= Array.IndexOf(Roles, needs);
                    var before = await Everything();
                    var (status, _) = await client.Send(method, path, body);
                    var ok = allowed ? (int)status is >= 200 and < 300 : status == HttpStatusCode.Forbidden;
                    if (!ok) failures.Add($"{role} {method} {path}: {(int)status}, expected {(allowed ? "2xx" : "403")}");
                    if (!allowed && await Everything() != before) failures.Add($"{role} {method} {path} was refused but changed something");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Without_a_valid_token_every_endpoint_answers_401_problem_json_and_changes_nothing()
    {
        await Hierarchy();
        var before = await Everything();
        foreach (var token in new[] { null, "not-a-token", BadTokens.Expired(), BadTokens.OtherKey(), BadTokens.OtherAudience(), BadTokens.OtherIssuer(), BadTokens.Tampered() })
        {
            var client = fixture.Factory.CreateClient();
            client.DefaultRequestHeaders.Authorization = token is null ? null : new("Bearer", token);
            foreach (var node in Nodes)
            {
                foreach (var (method, path, body, _) in Requests(NodeId(node), node))
                {
                    using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : Http.Json(body) };
                    using var response = await client.SendAsync(request);
                    Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {path} with {(token is null ? "no token" : token[..Math.Min(12, token.Length)])}: {(int)response.StatusCode}");
                    Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                }
            }
        }

        Assert.Equal(before, await Everything());
    }

    [Theory]
    [InlineData("mx-a", 403)]
    [InlineData("mx-b", 403)]
    [InlineData("mx-a,mx-b", 200)]
    [InlineData("mx-d", 200)]
    public async Task A_move_needs_admin_rights_over_both_the_old_and_the_new_parent(string scopes, int expected)
    {
        await Hierarchy();
        var cell = $"mx-mv-{expected}-{scopes.Replace(',', '-')}";
        await fixture.Client.Put($"/api/v1/orgs/{cell}", Builders.Org("Chi bộ chuyển", "cell", "mx-a"));
        var admin = fixture.Factory.CreateClient().As(Tokens.For("admin", scopes.Split(',')));

        var (status, _) = await admin.Put($"/api/v1/orgs/{cell}", Builders.Org("Chi bộ chuyển", "cell", "mx-b"));

        Assert.Equal(expected, (int)status);
        var (_, org) = await fixture.Client.Get($"/api/v1/orgs/{cell}");
        Assert.Equal(expected == 200 ? "mx-b" : "mx-a", org!["parentId"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_drilldown_lists_only_organizations_the_caller_may_see()
    {
        await Hierarchy();
        var viewer = fixture.Factory.CreateClient().As(Tokens.For("viewer", "mx-a"));

        var (status, drill) = await viewer.Get("/api/v1/orgs/mx-a/drilldown");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["mx-a-c"], drill!["children"]!.AsArray().Select(child => child!["org"]!["id"]!.GetValue<string>()));
        Assert.DoesNotContain("mx-b", drill.ToJsonString());
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.Get("/api/v1/orgs/mx-d/drilldown")).Status);
    }

    [Fact]
    public async Task An_admin_creates_under_a_parent_in_scope_but_not_an_id_that_exists_elsewhere()
    {
        await Hierarchy();
        var admin = fixture.Factory.CreateClient().As(Tokens.For("admin", "mx-a"));

        Assert.Equal(HttpStatusCode.Created, (await admin.Put("/api/v1/orgs/mx-a-new", Builders.Org("Chi bộ mới", "cell", "mx-a"))).Status);
        // mx-b-c exists under mx-b: a "creation" under mx-a would be a move out of someone else's subtree.
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.Put("/api/v1/orgs/mx-b-c", Builders.Org("Chi bộ B", "cell", "mx-a"))).Status);
        Assert.Equal("mx-b", (await fixture.Client.Get("/api/v1/orgs/mx-b-c")).Body!["parentId"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_token_without_a_subject_or_naming_the_host_itself_may_not_write_and_an_unlisted_algorithm_is_refused()
    {
        await Hierarchy();
        foreach (var subject in new[] { "", "system" })
        {
            var client = fixture.Factory.CreateClient().As(Tokens.Of(subject, "admin", "mx-a"));
            Assert.Equal(HttpStatusCode.Forbidden, (await client.Post("/api/v1/orgs/mx-a/inspections", Builders.Record("inspections", $"mx-sub-{subject}"))).Status);
        }

        var hs512 = fixture.Factory.CreateClient().As(BadTokens.OtherAlgorithm());
        Assert.Equal(HttpStatusCode.Unauthorized, (await hs512.Get("/api/v1/orgs/mx-a")).Status);
    }

    /// <summary>Everything a request could change: the whole district's drill-down and every node's records.</summary>
    private async Task<string> Everything()
    {
        var state = (await fixture.Client.Get("/api/v1/orgs/mx-d/drilldown")).Body!.ToJsonString();
        foreach (var id in new[] { "mx-d", "mx-a", "mx-a-c", "mx-b", "mx-b-c", "mx-none" })
        {
            foreach (var path in Builders.RecordPaths.Select(kind => "/" + kind).Prepend(""))
            {
                // Problem answers carry a trace id of their own; only the status counts for them.
                var (status, body) = await fixture.Client.Get($"/api/v1/orgs/{id}{path}");
                state += status == HttpStatusCode.OK ? body!.ToJsonString() : status.ToString();
            }
        }

        return state;
    }
}
