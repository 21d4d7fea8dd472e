using DongDa.Hierarchy.Organizations;

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

    public void Count(OrgLevel level)
    {
        Total++;
        switch (level)
        {
            case OrgLevel.District: District++; break;
            case OrgLevel.Grassroots: Grassroots++; break;
            case OrgLevel.Partial: Partial++; break;
            case OrgLevel.Cell: Cell++; break;
        }
    }

    public void Add(OrgCounts other)
    {
        Total += other.Total;
        District += other.District;
        Grassroots += other.Grassroots;
        Partial += other.Partial;
        Cell += other.Cell;
    }
}
