using System.Text.Json.Nodes;
using DongDa.Hierarchy.TestSupport;

namespace DongDa.Hierarchy.Telemetry.Tests;

/// <summary>The repository's dashboards folder and the Grafana dashboards in it.</summary>
public static class Dashboards
{
    public static string Folder { get; } = Path.Combine(TestRepository.Root, "dashboards");

    public static IEnumerable<string> GrafanaFiles() => Directory.GetFiles(Path.Combine(Folder, "grafana", "dashboards"), "*.json").Order();

    public static JsonObject Load(string file) => JsonNode.Parse(File.ReadAllText(file))!.AsObject();

    /// <summary>Every panel, nested rows included.</summary>
    public static IEnumerable<JsonObject> Panels(JsonObject dashboard)
    {
        foreach (var panel in dashboard["panels"]!.AsArray().Select(node => node!.AsObject()))
        {
            yield return panel;
            if (panel["panels"] is JsonArray nested)
            {
                foreach (var inner in nested.Select(node => node!.AsObject())) yield return inner;
            }
        }
    }

    public static IEnumerable<(string Panel, string Expr)> Expressions(JsonObject dashboard) =>
        Panels(dashboard)
            .Where(panel => panel["targets"] is JsonArray)
            .SelectMany(panel => panel["targets"]!.AsArray().Select(target => (panel["title"]!.GetValue<string>(), target!["expr"]!.GetValue<string>())));
}
