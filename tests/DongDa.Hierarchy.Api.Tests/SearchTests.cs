using System.Net;

namespace DongDa.Hierarchy.Api.Tests;

/// <summary>Finding organizations by name in a subtree, without diacritics and in any case, within the caller's scope.</summary>
[Collection(SeededSqliteHostCollection.Name)]
public sealed class SearchTests(SeededSqliteHost fixture)
{
    private static List<(string Id, string Name, string Path)> Items(System.Text.Json.Nodes.JsonNode body) =>
        body["items"]!.AsArray().Select(item => (
            item!["id"]!.GetValue<string>(),
            item["name"]!.GetValue<string>(),
            string.Join('/', item["path"]!.AsArray().Select(id => id!.GetValue<string>())))).ToList();

    [Fact]
    public async Task Words_without_diacritics_find_the_ward_before_its_cells_with_their_paths()
    {
        var (status, body) = await fixture.Client.Get("/api/v1/orgs/dong-da/search?q=lang%20thuong&limit=100");

        Assert.Equal(HttpStatusCode.OK, status);
        var items = Items(body!);
        Assert.Equal(15, items.Count);
        Assert.All(items, item => Assert.Contains("Láng Thượng", item.Name));
        var levels = body!["items"]!.AsArray().Select(item => item!["level"]!.GetValue<string>()).ToList();
        Assert.Equal(levels.OrderBy(level => Array.IndexOf(["district", "grassroots", "partial", "cell"], level)), levels);
        Assert.Equal("grassroots", levels[0]);
        Assert.Contains(("phuong-lang-thuong", "Đảng bộ phường Láng Thượng", "dong-da/phuong-lang-thuong"), items);
        Assert.All(items.Where(item => item.Id.StartsWith("phuong-lang-thuong-", StringComparison.Ordinal)),
            item => Assert.Equal($"dong-da/phuong-lang-thuong/{item.Id}", item.Path));
    }

    [Fact]
    public async Task Case_and_diacritics_in_the_query_do_not_matter_and_the_limit_holds()
    {
        var plain = Items((await fixture.Client.Get("/api/v1/orgs/dong-da/search?q=lang&limit=100")).Body!);
        var marked = Items((await fixture.Client.Get("/api/v1/orgs/dong-da/search?q=L%C3%81NG&limit=100")).Body!);
        var limited = Items((await fixture.Client.Get("/api/v1/orgs/dong-da/search?q=lang&limit=5")).Body!);

        Assert.Equal(27, plain.Count);
        Assert.Equal(plain, marked);
        Assert.Equal(plain.Take(5), limited);
    }

    [Fact]
    public async Task A_search_stays_within_the_subtree_it_starts_from_and_the_callers_scope()
    {
        var ward = Items((await fixture.Client.Get("/api/v1/orgs/phuong-lang-ha/search?q=lang&limit=100")).Body!);
        Assert.NotEmpty(ward);
        Assert.All(ward, item => Assert.StartsWith("dong-da/phuong-lang-ha", item.Path));

        var viewer = fixture.Factory.CreateClient().As(Tokens.For("viewer", "phuong-lang-ha"));
        Assert.Equal(HttpStatusCode.OK, (await viewer.Get("/api/v1/orgs/phuong-lang-ha/search?q=lang")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.Get("/api/v1/orgs/dong-da/search?q=lang")).Status);
    }

    [Theory]
    [InlineData("/api/v1/orgs/dong-da/search", "q")]
    [InlineData("/api/v1/orgs/dong-da/search?q=%20%20", "q")]
    [InlineData("/api/v1/orgs/dong-da/search?q=a&q=b", "q")]
    [InlineData("/api/v1/orgs/dong-da/search?q=lang&limit=0", "limit")]
    [InlineData("/api/v1/orgs/dong-da/search?q=lang&limit=101", "limit")]
    public async Task A_missing_or_bad_query_is_a_problem_naming_the_field(string path, string field)
    {
        using var response = await fixture.Client.GetAsync(path);
        await Http.AssertProblem(response, HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task Searching_from_an_unknown_organization_is_404()
    {
        using var response = await fixture.Client.GetAsync("/api/v1/orgs/khong-co/search?q=lang");
        await Http.AssertProblem(response, HttpStatusCode.NotFound);
    }
}
