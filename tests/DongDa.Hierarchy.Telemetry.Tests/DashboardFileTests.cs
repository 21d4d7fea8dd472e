namespace DongDa.Hierarchy.Telemetry.Tests;

/// <summary>The dashboard files are valid and portable: any Grafana with any Prometheus data source can load them.</summary>
public sealed class DashboardFileTests
{
    public static TheoryData<string> Files() => [.. Dashboards.GrafanaFiles().Select(file => Path.GetFileName(file))];

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_panel_and_query_names_the_data_source_variable_not_a_fixed_data_source(string file)
    {
        var dashboard = Dashboards.Load(Path.Combine(Dashboards.Folder, "grafana", "dashboards", file));

        var variables = dashboard["templating"]!["list"]!.AsArray();
        Assert.Contains(variables, variable => variable!["type"]!.GetValue<string>() == "datasource" && variable["name"]!.GetValue<string>() == "datasource");
        var panels = Dashboards.Panels(dashboard).ToList();
        Assert.NotEmpty(panels);
        foreach (var panel in panels)
        {
            var title = panel["title"]!.GetValue<string>();
            Assert.True(panel["datasource"]?["uid"]?.GetValue<string>() == "${datasource}", $"panel '{title}' names a fixed data source");
            var targets = panel["targets"]!.AsArray();
            Assert.True(targets.Count > 0, $"panel '{title}' has no query");
            foreach (var target in targets)
            {
                Assert.Equal("${datasource}", target!["datasource"]?["uid"]?.GetValue<string>());
                Assert.False(string.IsNullOrWhiteSpace(target["expr"]?.GetValue<string>()), $"panel '{title}' has an empty query");
            }
        }
    }

    [Fact]
    public void The_three_views_asked_for_are_there_with_unique_ids()
    {
        var dashboards = Dashboards.GrafanaFiles().Select(Dashboards.Load).ToList();

        Assert.Equal(["dongda-api", "dongda-hierarchy", "dongda-orleans"], dashboards.Select(d => d["uid"]!.GetValue<string>()).Order());
        foreach (var dashboard in dashboards)
        {
            var ids = Dashboards.Panels(dashboard).Select(panel => panel["id"]!.GetValue<int>()).ToList();
            Assert.Equal(ids.Count, ids.Distinct().Count());
        }
    }
}
