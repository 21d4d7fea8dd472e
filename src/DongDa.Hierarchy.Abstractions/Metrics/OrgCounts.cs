namespace DongDa.Hierarchy.Metrics;

/// <summary>The number of organizations in a subtree, the root of the subtree included, by level.</summary>
[GenerateSerializer, Alias("dongda.OrgCounts")]
public sealed record OrgCounts
{
    [Id(0)] public long Total { get; set; }
    [Id(1)] public long District { get; set; }
    [Id(2)] public long Grassroots { get; set; }
    [Id(3)] public long Partial { get; set; }
    [Id(4)] public long Cell { get; set; }
}
