using System.Net;
using System.Text.Json.Nodes;

namespace DongDa.Hierarchy.Api.Tests;

/// <summary>An organization's total figures month by month, as the page's monthly chart asks for them in one request.</summary>
[Collection(SeededSqliteHostCollection.Name)]
public sealed class SeriesTests(SeededSqliteHost fixture)
{
    [Fact]
    public async Task The_term_has_sixty_months_each_equal_to_the_metrics_of_that_month()
    {
        var (status, body) = await fixture.Client.Get("/api/v1/orgs/dong-da/series?from=2020-10-01&to=2025-09-30");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("dong-da", body!["orgId"]!.GetValue<string>());
        var months = body["months"]!.AsArray();
        Assert.Equal(60, months.Count);
        var classes = 0L;
        foreach (var month in months)
        {
            var (from, to) = (month!["from"]!.GetValue<string>(), month["to"]!.GetValue<string>());
            var metrics = (await fixture.Client.Get($"/api/v1/orgs/dong-da/metrics?from={from}&to={to}")).Body!;
            Assert.True(JsonNode.DeepEquals(metrics["total"], month["total"]), $"{from}..{to}: {month["total"]} is not {metrics["total"]}");
            classes += month["total"]!["study"]!["classes"]!.GetValue<long>();
        }

        var term = (await fixture.Client.Get("/api/v1/orgs/dong-da/metrics?from=2020-10-01&to=2025-09-30")).Body!;
        Assert.Equal(term["total"]!["study"]!["classes"]!.GetValue<long>(), classes);
        Assert.True(classes > 0, "the seeded term has study classes");
    }

    [Fact]
    public async Task The_first_and_last_months_are_clipped_to_the_period()
    {
        var body = (await fixture.Client.Get("/api/v1/orgs/phuong-lang-thuong/series?from=2020-10-15&to=2021-01-10")).Body!;

        Assert.Equal(("2020-10-15", "2021-01-10"), (body["from"]!.GetValue<string>(), body["to"]!.GetValue<string>()));
        Assert.Equal(
            ["2020-10-15..2020-10-31", "2020-11-01..2020-11-30", "2020-12-01..2020-12-31", "2021-01-01..2021-01-10"],
            body["months"]!.AsArray().Select(month => $"{month!["from"]}..{month["to"]}"));
    }

    [Fact]
    public async Task A_viewer_reads_the_series_of_its_subtree_only()
    {
        var viewer = fixture.Factory.CreateClient().As(Tokens.For("viewer", "phuong-lang-ha"));
        Assert.Equal(HttpStatusCode.OK, (await viewer.Get("/api/v1/orgs/phuong-lang-ha/series?from=2021-01-01&to=2021-12-31")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.Get("/api/v1/orgs/dong-da/series?from=2021-01-01&to=2021-12-31")).Status);
    }

    [Theory]
    [InlineData("/api/v1/orgs/dong-da/series?to=2021-12-31", "from")]
    [InlineData("/api/v1/orgs/dong-da/series?from=2021-01-01", "to")]
    [InlineData("/api/v1/orgs/dong-da/series?from=2021-01-01&to=", "to")]
    [InlineData("/api/v1/orgs/dong-da/series?from=2021-13-01&to=2021-12-31", "from")]
    [InlineData("/api/v1/orgs/dong-da/series?from=2021-02-01&to=2021-01-31", "to")]
    [InlineData("/api/v1/orgs/dong-da/series?from=2000-01-01&to=2020-01-01", "to")]
    public async Task A_missing_bad_or_too_long_period_is_a_problem_naming_the_field(string path, string field)
    {
        using var response = await fixture.Client.GetAsync(path);
        await Http.AssertProblem(response, HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task Twenty_years_is_the_longest_series()
    {
        var body = (await fixture.Client.Get("/api/v1/orgs/dong-da/series?from=2000-01-01&to=2019-12-31")).Body!;
        Assert.Equal(240, body["months"]!.AsArray().Count);
    }

    [Fact]
    public async Task The_series_of_an_unknown_organization_is_404()
    {
        using var response = await fixture.Client.GetAsync("/api/v1/orgs/khong-co/series?from=2021-01-01&to=2021-12-31");
        await Http.AssertProblem(response, HttpStatusCode.NotFound);
    }
}
