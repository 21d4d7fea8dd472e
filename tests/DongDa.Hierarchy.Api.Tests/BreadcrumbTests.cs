using System.Net;

namespace DongDa.Hierarchy.Api.Tests;

/// <summary>The organizations above one, by name, as far up as the caller may see: the page's breadcrumb in one request.</summary>
[Collection(SeededSqliteHostCollection.Name)]
public sealed class BreadcrumbTests(SeededSqliteHost fixture)
{
    private static List<(string Id, string Name, string Level)> Items(System.Text.Json.Nodes.JsonNode body) =>
        body["items"]!.AsArray().Select(item => (item!["id"]!.GetValue<string>(), item["name"]!.GetValue<string>(), item["level"]!.GetValue<string>())).ToList();

    [Fact]
    public async Task A_cell_has_the_district_its_ward_and_itself_with_names_and_levels()
    {
        var (status, body) = await fixture.Client.Get("/api/v1/orgs/phuong-lang-thuong-cb-01/breadcrumb");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(
            [("dong-da", "Đảng bộ quận Đống Đa", "district"), ("phuong-lang-thuong", "Đảng bộ phường Láng Thượng", "grassroots"),
             ("phuong-lang-thuong-cb-01", "Chi bộ tổ dân phố số 1 phường Láng Thượng", "cell")],
            Items(body!));
    }

    [Fact]
    public async Task A_viewer_of_a_ward_sees_it_from_the_ward_down_and_nothing_above()
    {
        var viewer = fixture.Factory.CreateClient().As(Tokens.For("viewer", "phuong-lang-thuong"));

        var (status, body) = await viewer.Get("/api/v1/orgs/phuong-lang-thuong-cb-01/breadcrumb");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["phuong-lang-thuong", "phuong-lang-thuong-cb-01"], Items(body!).Select(item => item.Id));
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.Get("/api/v1/orgs/dong-da/breadcrumb")).Status);
    }

    [Fact]
    public async Task The_breadcrumb_of_the_district_is_the_district_alone()
    {
        var body = (await fixture.Client.Get("/api/v1/orgs/dong-da/breadcrumb")).Body!;
        Assert.Equal(["dong-da"], Items(body).Select(item => item.Id));
    }

    [Fact]
    public async Task The_breadcrumb_of_an_unknown_organization_is_404()
    {
        using var response = await fixture.Client.GetAsync("/api/v1/orgs/khong-co/breadcrumb");
        await Http.AssertProblem(response, HttpStatusCode.NotFound);
    }
}
