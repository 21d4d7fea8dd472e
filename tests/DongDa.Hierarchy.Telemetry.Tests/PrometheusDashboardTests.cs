using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DongDa.Hierarchy.TestSupport;
using Xunit.Abstractions;

namespace DongDa.Hierarchy.Telemetry.Tests;

/// <summary>
/// The host runs as a process on the seeded embedded store, a real Prometheus scrapes it, API
/// traffic flows, and then every query of every panel of every dashboard must return a series.
/// </summary>
public sealed partial class PrometheusDashboardTests(ITestOutputHelper output)
{
    private const string Job = "dongda-hierarchy";

    [Fact]
    public async Task Every_query_of_every_dashboard_panel_returns_live_series_from_a_real_Prometheus()
    {
        await using var store = new SqliteTestStore();
        // Prometheus scrapes without credentials, as the shipped scrape configuration does.
        await using var host = await HostProcess.StartAsync("telemetry", store, seed: true,
            new Dictionary<string, string> { ["Hierarchy__Auth__AnonymousMetrics"] = "true" });
        await using var prometheus = await PrometheusServer.StartAsync($"127.0.0.1:{host.HttpPort}");

        await DriveTraffic(host.Client);
        Assert.True(await prometheus.Eventually($"up{{job=\"{Job}\"}} == 1", TimeSpan.FromSeconds(30)), "Prometheus never scraped the host");
        // Rates need two samples after the traffic; a second burst keeps every route moving.
        await Task.Delay(TimeSpan.FromSeconds(3));
        await DriveTraffic(host.Client);
        // Scrapes every second: after three, a sample before and one after the second burst are both in.
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.True(await prometheus.Eventually("sum(rate(dongda_records_written_total[30s])) > 0", TimeSpan.FromSeconds(30)), "records written never showed as a rate");

        var empty = new List<string>();
        var evaluated = 0;
        foreach (var file in Dashboards.GrafanaFiles())
        {
            var dashboard = Dashboards.Load(file);
            foreach (var (panel, expr) in Dashboards.Expressions(dashboard))
            {
                evaluated++;
                var query = Substitute(expr);
                var series = await prometheus.Query(query);
                if (series.Count == 0) empty.Add($"{Path.GetFileName(file)} · {panel}: {query}");
                else if (Problem(series, expr) is { } problem) empty.Add($"{Path.GetFileName(file)} · {panel}: {problem} in {query}");
            }

            foreach (var variable in VariableQueries(dashboard))
            {
                evaluated++;
                if ((await prometheus.Query(variable)).Count == 0) empty.Add($"{Path.GetFileName(file)} · variable: {variable}");
            }
        }

        output.WriteLine($"{evaluated} dashboard queries evaluated against Prometheus; {empty.Count} returned nothing or nothing usable.");
        Assert.True(empty.Count == 0, "Queries that returned no series, or none usable:\n" + string.Join("\n", empty));
    }

    /// <summary>
    /// What makes a returned vector useless on a panel: a grouping label (<c>by (...)</c>) that no
    /// series carries, as when the label is misspelled, or no finite value at all.
    /// </summary>
    private static string? Problem(JsonArray series, string expr)
    {
        if (series.All(item => item!["value"] is not JsonArray value || !double.TryParse(value[1]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number)))
        {
            return "no finite value";
        }

        foreach (Match grouping in GroupBy().Matches(expr))
        {
            foreach (var label in grouping.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Where(label => label != "le"))
            {
                if (!series.Any(item => !string.IsNullOrEmpty(item!["metric"]?[label]?.GetValue<string>()))) return $"no series has the label '{label}'";
            }
        }

        return null;
    }

    [GeneratedRegex(@"by \(([^)]*)\)")]
    private static partial Regex GroupBy();

    /// <summary>Grafana's variables as the dashboards would have them for this host.</summary>
    private static string Substitute(string expr) => expr
        .Replace("$__rate_interval", "30s")
        .Replace("$job", Job)
        .Replace("$instance", ".*");

    /// <summary>Grafana's <c>label_values(selector, label)</c> variable queries, as the PromQL Grafana runs for them.</summary>
    private static IEnumerable<string> VariableQueries(JsonObject dashboard) =>
        dashboard["templating"]!["list"]!.AsArray()
            .Select(variable => variable!["definition"]?.GetValue<string>())
            .OfType<string>()
            .Select(definition => LabelValues().Match(definition))
            .Where(match => match.Success)
            .Select(match => $"group by ({match.Groups[2].Value}) ({Substitute(match.Groups[1].Value)})");

    [GeneratedRegex(@"^label_values\((.+),\s*(\w+)\)$")]
    private static partial Regex LabelValues();

    /// <summary>Reads, writes of every kind at several levels, a new organization, and some 4xx answers.</summary>
    private static async Task DriveTraffic(HttpClient client)
    {
        var children = (await client.GetFromJsonAsync<JsonArray>("/api/v1/orgs/dong-da/children"))!;
        var grassroots = children.Select(child => child!["id"]!.GetValue<string>()).Take(3).ToList();
        var cells = new List<string>();
        foreach (var id in grassroots)
        {
            var below = (await client.GetFromJsonAsync<JsonArray>($"/api/v1/orgs/{id}/children"))!;
            cells.AddRange(below.Select(child => child!["id"]!.GetValue<string>()).Take(2));
        }

        var written = 0;
        foreach (var org in new[] { "dong-da" }.Concat(grassroots).Concat(cells))
        {
            foreach (var (path, body) in Records())
            {
                using var response = await client.PostAsync($"/api/v1/orgs/{org}/{path}", new StringContent(body, Encoding.UTF8, "application/json"));
                Assert.True(response.IsSuccessStatusCode, $"POST {path} to {org}: {(int)response.StatusCode}");
                written++;
            }

            foreach (var query in new[] { "metrics", "drilldown", "metrics?from=2021-01-01&to=2021-12-31" })
            {
                using var response = await client.GetAsync($"/api/v1/orgs/{org}/{query}");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }

        // A new organization is a new activation, and so a storage read within the scrape window.
        var newOrg = "tele-" + Guid.NewGuid().ToString("N")[..12];
        using (var created = await client.PutAsync($"/api/v1/orgs/{newOrg}", new StringContent(
            $$"""{"name":"Chi bộ đo đạc","level":"cell","kind":"test","parentId":"{{grassroots[0]}}","memberCount":5}""", Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using (var unknown = await client.GetAsync("/api/v1/orgs/no-such-org/metrics")) Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using (var invalid = await client.PostAsync("/api/v1/orgs/dong-da/study-sessions", new StringContent("{\"classes\":\"many\"}", Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        }

        Assert.True(written > 0);
    }

    private static IEnumerable<(string Path, string Body)> Records()
    {
        yield return ("study-sessions", """{"date":"2021-05-01","document":"Nghị quyết","classes":2,"attendees":40}""");
        yield return ("inspections", """{"date":"2021-05-02","target":"organization","targetName":"Chi bộ","targetOrgId":null,"topic":"Kiểm tra","violation":false,"discipline":"none"}""");
        yield return ("supervisions", """{"date":"2021-05-03","target":"individual","targetName":"Đồng chí A","targetOrgId":null,"mode":"thematic","topic":"Giám sát"}""");
        yield return ("study-registrations", """{"date":"2021-05-04","members":12}""");
        yield return ("commendations", """{"date":"2021-05-05","program":"goodPeopleGoodDeeds","recipient":"individual","recipientName":"Nguyễn Văn B","level":"district"}""");
        yield return ("mass-mobilization", """{"date":"2021-05-06","registrant":"collective","registrantName":"Tổ dân phố","level":"grassroots","models":[{"name":"Mô hình","field":"economy"}]}""");
    }
}
