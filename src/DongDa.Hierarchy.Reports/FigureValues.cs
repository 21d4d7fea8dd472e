using System.Text.Json;
using DongDa.Hierarchy.Metrics;
using DongDa.Hierarchy.Rollup;

namespace DongDa.Hierarchy.Reports;

/// <summary>
/// A <see cref="MetricSet"/> read by the figure names of <see cref="FigureTable"/>. The names are
/// the JSON paths of the metrics contract, so the set is read through its JSON form: a figure
/// split by recognition level, or any name with figures beneath it, is the sum of its slots.
/// </summary>
internal sealed class FigureValues
{
    private readonly Dictionary<string, long> _slots;

    private FigureValues(Dictionary<string, long> slots) => _slots = slots;

    public static FigureValues Of(MetricSet figures)
    {
        var slots = new Dictionary<string, long>(StringComparer.Ordinal);
        Collect(JsonSerializer.SerializeToElement(figures, HierarchyJson.Options), "", slots);
        return new FigureValues(slots);
    }

    /// <summary>The figure or the sum of the figures beneath <paramref name="name"/>.</summary>
    public long this[string name] => _slots.Where(slot => slot.Key == name || slot.Key.StartsWith(name + ".", StringComparison.Ordinal)).Sum(slot => slot.Value);

    /// <summary>Whether every figure is zero.</summary>
    public bool IsEmpty => _slots.Values.All(value => value == 0);

    /// <summary>A slot, a figure of the table, or a name with figures of the table beneath it.</summary>
    public static bool IsKnown(string name) => FigureTable.Slots.Contains(name) || Beneath(name).Count > 0 || FigureTable.Figures.Any(figure => figure.Name == name);

    public static bool IsSplitByLevel(string name) => FigureTable.Figures.Any(figure => figure.Name == name && figure.ByRecognitionLevel);

    /// <summary>The figures of the table whose names continue <paramref name="prefix"/>, in the table's order.</summary>
    public static IReadOnlyList<Figure> Beneath(string prefix) =>
        [.. FigureTable.Figures.Where(figure => figure.Name.StartsWith(prefix + ".", StringComparison.Ordinal))];

    private static void Collect(JsonElement element, string path, Dictionary<string, long> slots)
    {
        if (element.ValueKind == JsonValueKind.Number)
        {
            slots.Add(path, element.GetInt64());
            return;
        }

        foreach (var property in element.EnumerateObject()) Collect(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}", slots);
    }
}
