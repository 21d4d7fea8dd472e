using DongDa.Hierarchy.Figures;
namespace DongDa.Hierarchy.Grains.Figures;

/// <summary>Accumulates changes to figures; zeroes cancel out and are left out.</summary>
internal sealed class FigureDeltaBuilder
{
    private readonly Dictionary<long, long> _counters = [];
    private readonly Dictionary<long, long> _points = [];
    private readonly long[] _orgCounts = new long[FigureLayout.Levels];

    public bool IsEmpty => _counters.Count == 0 && _points.Count == 0 && _orgCounts.All(count => count == 0);

    public FigureDeltaBuilder Counter(long key, long value) => Add(_counters, key, value);

    public FigureDeltaBuilder Point(long key, long value) => Add(_points, key, value);

    public FigureDeltaBuilder Orgs(int level, long value)
    {
        _orgCounts[level] += value;
        return this;
    }

    public FigureDeltaBuilder Add(FigureDelta delta, long sign = 1)
    {
        for (var i = 0; i < delta.CounterKeys.Length; i++) Add(_counters, delta.CounterKeys[i], sign * delta.CounterValues[i]);
        for (var i = 0; i < delta.PointKeys.Length; i++) Add(_points, delta.PointKeys[i], sign * delta.PointValues[i]);
        for (var level = 0; level < FigureLayout.Levels; level++) _orgCounts[level] += sign * delta.OrgCounts[level];
        return this;
    }

    private FigureDeltaBuilder Add(Dictionary<long, long> entries, long key, long value)
    {
        if (value == 0) return this;
        var sum = entries.GetValueOrDefault(key) + value;
        if (sum == 0) entries.Remove(key); else entries[key] = sum;
        return this;
    }

    public FigureDelta Build() => new()
    {
        CounterKeys = [.. _counters.Keys],
        CounterValues = [.. _counters.Values],
        PointKeys = [.. _points.Keys],
        PointValues = [.. _points.Values],
        OrgCounts = [.. _orgCounts],
    };
}
