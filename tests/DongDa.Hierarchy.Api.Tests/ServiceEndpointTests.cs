using System.Net;

namespace DongDa.Hierarchy.Api.Tests;

public abstract class ServiceEndpointTests(HostFixture fixture)
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_endpoints_answer_200(string path)
    {
        using var response = await fixture.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_page_reads_the_term_and_the_series_limit_from_a_module_the_server_makes_and_serves_to_anyone()
    {
        using var anonymous = fixture.Factory.CreateClient();
        anonymous.DefaultRequestHeaders.Authorization = null;

        using var response = await anonymous.GetAsync(Host.Hosting.PageSettingsModule.Path);
        var module = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"export const TERM = {{ from: '{Seeding.Dataset.Term.From:yyyy-MM-dd}', to: '{Seeding.Dataset.Term.To:yyyy-MM-dd}' }};", module);
        Assert.Contains($"export const MAX_SERIES_MONTHS = {Host.Api.SeriesQuery.MaxMonths};", module);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_v1_paths()
    {
        var (status, document) = await fixture.Client.Get("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, status);
        var paths = document!["paths"]!.AsObject().Select(path => path.Key).ToHashSet();
        Assert.Contains("/api/v1/orgs/{id}", paths);
        Assert.Contains("/api/v1/orgs/{id}/children", paths);
        Assert.Contains("/api/v1/orgs/{id}/metrics", paths);
        Assert.Contains("/api/v1/orgs/{id}/drilldown", paths);
        foreach (var kind in Builders.RecordPaths) Assert.Contains($"/api/v1/orgs/{{id}}/{kind}", paths);
    }

    [Fact]
    public async Task The_Orleans_dashboard_is_served_under_dashboard_and_kept_out_of_the_OpenAPI_document()
    {
        using var dashboard = await fixture.Client.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Equal("text/html", dashboard.Content.Headers.ContentType?.MediaType);

        var (_, document) = await fixture.Client.Get("/openapi/v1.json");
        Assert.DoesNotContain(document!["paths"]!.AsObject(), path => path.Key.StartsWith("/dashboard", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Prometheus_metrics_are_served_in_text_format()
    {
        await fixture.Client.GetAsync("/health/live");
        using var response = await fixture.Client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.ToString());
        Assert.Contains("# TYPE", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Unknown_routes_and_methods_answer_problem_json()
    {
        using var unknown = await fixture.Client.GetAsync("/api/v1/nothing-here");
        using var method = await fixture.Client.DeleteAsync("/api/v1/orgs/some-org");
        await Http.AssertProblem(unknown, HttpStatusCode.NotFound);
        await Http.AssertProblem(method, HttpStatusCode.MethodNotAllowed);
    }

    [Collection(EmptySqliteHostCollection.Name)]
    public sealed class OnSqlite(EmptySqliteHost fixture) : ServiceEndpointTests(fixture);

    [Collection(EmptyPostgreSqlHostCollection.Name)]
    public sealed class OnPostgreSql(EmptyPostgreSqlHost fixture) : ServiceEndpointTests(fixture);
}
