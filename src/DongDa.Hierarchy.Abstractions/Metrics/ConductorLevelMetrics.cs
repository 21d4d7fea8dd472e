using DongDa.Hierarchy.Organizations;

namespace DongDa.Hierarchy.Metrics;

/// <summary>A subtree's figures split by the level of the organization that holds (conducted) each record.</summary>
[GenerateSerializer, Alias("dongda.ConductorLevelMetrics")]
public sealed record ConductorLevelMetrics
{
    [Id(0)] public MetricSet District { get; init; } = new();
    [Id(1)] public MetricSet Grassroots { get; init; } = new();
    [Id(2)] public MetricSet Partial { get; init; } = new();
    [Id(3)] public MetricSet Cell { get; init; } = new();

    public MetricSet For(OrgLevel level) => level switch
    {
        OrgLevel.District => District,
        OrgLevel.Grassroots => Grassroots,
        OrgLevel.Partial => Partial,
        OrgLevel.Cell => Cell,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
    };

    /// <summary>The figures of all levels together.</summary>
    public MetricSet Sum()
    {
        var total = new MetricSet();
        total.Add(District);
        total.Add(Grassroots);
        total.Add(Partial);
        total.Add(Cell);
        return total;
    }
}
