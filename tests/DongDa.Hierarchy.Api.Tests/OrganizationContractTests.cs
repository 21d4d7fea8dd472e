using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace DongDa.Hierarchy.Api.Tests;

public abstract class OrganizationContractTests(HostFixture fixture)
{
    private HttpClient Client => fixture.Client;

    private async Task CreateTree(string p)
    {
        Assert.Equal(HttpStatusCode.Created, (await Client.Put($"/api/v1/orgs/{p}-d", Builders.Org("Quận", "district", null))).Status);
        Assert.Equal(HttpStatusCode.Created, (await Client.Put($"/api/v1/orgs/{p}-g1", Builders.Org("Phường Một", "grassroots", $"{p}-d"))).Status);
        Assert.Equal(HttpStatusCode.Created, (await Client.Put($"/api/v1/orgs/{p}-g2", Builders.Org("Phường Hai", "grassroots", $"{p}-d"))).Status);
        Assert.Equal(HttpStatusCode.Created, (await Client.Put($"/api/v1/orgs/{p}-p1", Builders.Org("Bộ phận", "partial", $"{p}-g1"))).Status);
        Assert.Equal(HttpStatusCode.Created, (await Client.Put($"/api/v1/orgs/{p}-c1", Builders.Org("Chi bộ 1", "cell", $"{p}-p1"))).Status);
    }

    [Fact]
    public async Task Put_creates_with_201_updates_with_200_and_get_answers_every_contract_field()
    {
        await CreateTree("o1");
        var (status, updated) = await Client.Put("/api/v1/orgs/o1-g1", Builders.Org("Phường Một mới", "grassroots", "o1-d", members: 1200, kind: "ward"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Phường Một mới", updated!["name"]!.GetValue<string>());

        var (getStatus, org) = await Client.Get("/api/v1/orgs/o1-g1");
        Assert.Equal(HttpStatusCode.OK, getStatus);
        Assert.Equal("o1-g1", org!["id"]!.GetValue<string>());
        Assert.Equal("Phường Một mới", org["name"]!.GetValue<string>());
        Assert.Equal("grassroots", org["level"]!.GetValue<string>());
        Assert.Equal("ward", org["kind"]!.GetValue<string>());
        Assert.Equal("o1-d", org["parentId"]!.GetValue<string>());
        Assert.Equal(1200, org["memberCount"]!.GetValue<int>());
        Assert.Equal(["o1-p1"], org["childIds"]!.AsArray().Select(id => id!.GetValue<string>()));
        Assert.Equal(["o1-d", "o1-g1"], org["path"]!.AsArray().Select(id => id!.GetValue<string>()));

        var (_, district) = await Client.Get("/api/v1/orgs/o1-d");
        Assert.Null(district!["parentId"]);
        Assert.Equal(["o1-d"], district["path"]!.AsArray().Select(id => id!.GetValue<string>()));
    }

    [Fact]
    public async Task A_put_with_if_none_match_star_only_creates_and_an_id_in_use_answers_412_changing_nothing()
    {
        await CreateTree("o9");

        using var created = await Client.SendAsync(CreateOnly("/api/v1/orgs/o9-c2", Builders.Org("Chi bộ 2", "cell", "o9-g2")));
        using var again = await Client.SendAsync(CreateOnly("/api/v1/orgs/o9-c1", Builders.Org("Chi bộ chép đè", "cell", "o9-g2")));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        Assert.Equal("id", (await again.Content.ReadFromJsonAsync<JsonNode>())!["field"]!.GetValue<string>());
        var (_, unchanged) = await Client.Get("/api/v1/orgs/o9-c1");
        Assert.Equal(("Chi bộ 1", "o9-p1"), (unchanged!["name"]!.GetValue<string>(), unchanged["parentId"]!.GetValue<string>()));

        static HttpRequestMessage CreateOnly(string path, object body)
        {
            var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body) };
            request.Headers.IfNoneMatch.Add(System.Net.Http.Headers.EntityTagHeaderValue.Any);
            return request;
        }
    }

    [Fact]
    public async Task A_get_answer_can_be_sent_back_as_a_put()
    {
        await CreateTree("o2");
        var (_, org) = await Client.Get("/api/v1/orgs/o2-p1");
        var (status, _) = await Client.Put("/api/v1/orgs/o2-p1", org!.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task Children_lists_each_child_with_its_path_sorted_by_name()
    {
        await CreateTree("o3");
        var (status, children) = await Client.Get("/api/v1/orgs/o3-d/children");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["Phường Hai", "Phường Một"], children!.AsArray().Select(child => child!["name"]!.GetValue<string>()));
        Assert.Equal(["o3-d", "o3-g2"], children[0]!["path"]!.AsArray().Select(id => id!.GetValue<string>()));
    }

    [Theory]
    [InlineData("/api/v1/orgs/nobody")]
    [InlineData("/api/v1/orgs/nobody/children")]
    [InlineData("/api/v1/orgs/nobody/metrics")]
    [InlineData("/api/v1/orgs/nobody/drilldown")]
    [InlineData("/api/v1/orgs/nobody/inspections")]
    [InlineData("/api/v1/orgs/nobody/mass-mobilization")]
    public async Task Unknown_organizations_answer_404_problem(string path)
    {
        using var response = await Client.GetAsync(path);
        await Http.AssertProblem(response, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("/api/v1/orgs/Bad_Id")]
    [InlineData("/api/v1/orgs/-leading-dash/metrics")]
    [InlineData("/api/v1/orgs/x%2Fy/children")]
    public async Task Malformed_ids_in_the_path_answer_400_naming_id(string path)
    {
        using var response = await Client.GetAsync(path);
        await Http.AssertProblem(response, HttpStatusCode.BadRequest, "id");
    }

    public static TheoryData<string, object, string> InvalidOrganizations => new()
    {
        { "missing name", Builders.Org("x", "cell", "o5-g1").Without("name"), "name" },
        { "blank name", Builders.Org("  ", "cell", "o5-g1"), "name" },
        { "unknown level", Builders.Org("x", "county", "o5-g1"), "level" },
        { "level as number", Builders.Org("x", "cell", "o5-g1").With("level", 3), "level" },
        { "negative members", Builders.Org("x", "cell", "o5-g1", members: -1), "memberCount" },
        { "members beyond int", Builders.Org("x", "cell", "o5-g1").With("memberCount", 99999999999L), "memberCount" },
        { "district with a parent", Builders.Org("x", "district", "o5-g1"), "parentId" },
        { "cell without a parent", Builders.Org("x", "cell", null), "parentId" },
        { "malformed parent id", Builders.Org("x", "cell", "Not An Id"), "parentId" },
        { "unknown parent", Builders.Org("x", "cell", "o5-nobody"), "parentId" },
        { "extra field", Builders.Org("x", "cell", "o5-g1").With("colour", "red"), "colour" },
        { "id differs from path", Builders.Org("x", "cell", "o5-g1").With("id", "someone-else"), "id" },
    };

    [Theory]
    [MemberData(nameof(InvalidOrganizations))]
    public async Task Invalid_organizations_answer_400_naming_the_field_and_create_nothing(string _, object body, string field)
    {
        await EnsureTree("o5");
        using var response = await Client.PutAsync("/api/v1/orgs/o5-new", Http.Json(body));
        await Http.AssertProblem(response, HttpStatusCode.BadRequest, field);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.Get("/api/v1/orgs/o5-new")).Status);
    }

    private Task EnsureTree(string p) => Client.CreateUnlessExists($"{p}-d", () => CreateTree(p));

    [Fact]
    public async Task Moving_an_organization_moves_its_whole_subtree_and_its_records()
    {
        await CreateTree("o6");
        Assert.Equal(HttpStatusCode.Created, (await Client.Post("/api/v1/orgs/o6-c1/inspections", Builders.Record("inspections", "m1"))).Status);
        Assert.Equal(1, await Inspections("o6-g1"));
        Assert.Equal(0, await Inspections("o6-g2"));

        var (status, moved) = await Client.Put("/api/v1/orgs/o6-p1", Builders.Org("Bộ phận", "partial", "o6-g2"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["o6-d", "o6-g2", "o6-p1"], moved!["path"]!.AsArray().Select(id => id!.GetValue<string>()));
        Assert.Equal(0, await Inspections("o6-g1"));
        Assert.Equal(1, await Inspections("o6-g2"));
        Assert.Equal(1, await Inspections("o6-d"));
        var (_, cell) = await Client.Get("/api/v1/orgs/o6-c1");
        Assert.Equal(["o6-d", "o6-g2", "o6-p1", "o6-c1"], cell!["path"]!.AsArray().Select(id => id!.GetValue<string>()));
        var (_, oldParent) = await Client.Get("/api/v1/orgs/o6-g1");
        Assert.Empty(oldParent!["childIds"]!.AsArray());
    }

    [Theory]
    [InlineData("o7-g1", "grassroots", "o7-c1", HttpStatusCode.Conflict)]
    [InlineData("o7-g1", "grassroots", "o7-p1b", HttpStatusCode.Conflict)]
    [InlineData("o7-p1", "partial", "o7-c1", HttpStatusCode.Conflict)]
    [InlineData("o7-p1", "partial", "o7-p1b", HttpStatusCode.Conflict)]
    [InlineData("o7-g1", "cell", "o7-d", HttpStatusCode.Conflict)]
    [InlineData("o7-c1", "cell", "o7-c1", HttpStatusCode.BadRequest)]
    public async Task Moves_that_would_make_a_cycle_or_break_the_level_order_are_refused_and_change_nothing(
        string id, string level, string parentId, HttpStatusCode expected)
    {
        await EnsureTree7();
        var before = await Snapshot();
        using var response = await Client.PutAsync($"/api/v1/orgs/{id}", Http.Json(Builders.Org("Đổi", level, parentId)));
        await Http.AssertProblem(response, expected);
        Assert.Equal(before, await Snapshot());
        // A conflict names the levels as the API writes them, which the page words for people.
        if (expected == HttpStatusCode.Conflict) Assert.Matches("level '(district|grassroots|partial|cell)'", (await response.Content.ReadFromJsonAsync<JsonNode>())!["detail"]!.GetValue<string>());
    }

    private Task EnsureTree7() => Client.CreateUnlessExists("o7-d", async () =>
    {
        await CreateTree("o7");
        await Client.Put("/api/v1/orgs/o7-p1b", Builders.Org("Bộ phận B", "partial", "o7-g2"));
        await Client.Post("/api/v1/orgs/o7-c1/study-sessions", Builders.Record("study-sessions", "s1"));
    });

    private async Task<string> Snapshot()
    {
        var parts = new List<string>();
        foreach (var id in new[] { "o7-d", "o7-g1", "o7-g2", "o7-p1", "o7-p1b", "o7-c1" })
        {
            parts.Add((await Client.Get($"/api/v1/orgs/{id}")).Body!.ToJsonString());
        }

        parts.Add((await Client.Get("/api/v1/orgs/o7-d/metrics")).Body!.ToJsonString());
        return string.Join("\n", parts);
    }

    private async Task<long> Inspections(string id) =>
        (await Client.Get($"/api/v1/orgs/{id}/metrics")).Body!["total"]!["inspections"]!["organizations"]!.GetValue<long>();

    [Collection(EmptySqliteHostCollection.Name)]
    public sealed class OnSqlite(EmptySqliteHost fixture) : OrganizationContractTests(fixture);

    [Collection(EmptyPostgreSqlHostCollection.Name)]
    public sealed class OnPostgreSql(EmptyPostgreSqlHost fixture) : OrganizationContractTests(fixture);
}
