using System.Text.Json;
using System.Text.Json.Nodes;
using DongDa.Hierarchy.Grains.Figures;
using DongDa.Hierarchy.Rollup;

namespace DongDa.Hierarchy.Grains.Tests;

/// <summary>The figure table names the slots of the figure vector by the JSON paths of the metrics answer.</summary>
public sealed class FigureLayoutTests
{
    [Fact]
    public void Every_slot_is_written_at_its_json_path_and_every_figure_of_the_answer_has_a_slot()
    {
        var values = Enumerable.Range(1, FigureLayout.PerLevel).Select(slot => 1000L + slot).ToArray();
        var metrics = FigureLayout.ToMetricSet(values);
        var json = JsonSerializer.SerializeToNode(metrics, HierarchyJson.Options)!;

        for (var slot = 0; slot < values.Length; slot++)
        {
            var at = FigureTable.Slots[slot].Split('.').Aggregate(json, (node, name) => node[name]!);
            Assert.Equal(values[slot], at.GetValue<long>());
        }

        Assert.Equal(values.Length, Numbers(json));
        Assert.Equal(values, FigureLayout.Flatten(metrics));
    }

    [Fact]
    public void The_registered_organizations_slot_is_the_one_counted_by_organization()
    {
        Assert.Equal("study.registeredOrgs", FigureTable.Slots[FigureLayout.RegisteredOrgs]);
        Assert.Equal(9, FigureLayout.RegisteredOrgs);
    }

    private static int Numbers(JsonNode node) => node switch
    {
        JsonObject o => o.Sum(pair => Numbers(pair.Value!)),
        _ => 1,
    };
}
