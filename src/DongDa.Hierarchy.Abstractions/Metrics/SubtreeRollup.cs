using DongDa.Hierarchy.Organizations;

namespace DongDa.Hierarchy.Metrics;

/// <summary>
/// The rolled-up figures of one organization's subtree for one period. Made fresh for each answer
/// and never changed afterwards, so that a call within a silo passes it without a deep copy.
/// </summary>
[GenerateSerializer, Immutable, Alias("dongda.SubtreeRollup")]
public sealed record SubtreeRollup
{
    [Id(0)] public required OrgSnapshot Org { get; init; }
    [Id(1)] public OrgCounts Orgs { get; init; } = new();

    /// <summary>The organization's own records alone.</summary>
    [Id(2)] public MetricSet Own { get; init; } = new();

    /// <summary>The whole subtree, split by the level of the organization holding each record.</summary>
    [Id(3)] public ConductorLevelMetrics ByConductorLevel { get; init; } = new();

    public MetricSet Total() => ByConductorLevel.Sum();
}

/// <summary>An organization's rollup together with the rollups of each of its children.</summary>
[GenerateSerializer, Immutable, Alias("dongda.SubtreeDrilldown")]
public sealed record SubtreeDrilldown
{
    [Id(0)] public required SubtreeRollup Node { get; init; }
    [Id(1)] public required IReadOnlyList<SubtreeRollup> Children { get; init; }
}

/// <summary>An organization's subtree totals for each period of a series, in the series' order.</summary>
[GenerateSerializer, Immutable, Alias("dongda.SubtreeSeries")]
public sealed record SubtreeSeries
{
    [Id(0)] public required IReadOnlyList<MetricSet> Totals { get; init; }
}
