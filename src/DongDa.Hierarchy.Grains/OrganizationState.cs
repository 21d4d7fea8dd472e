using DongDa.Hierarchy.Organizations;

namespace DongDa.Hierarchy.Grains;

/// <summary>The persisted state of one organization: its details, its child links and the summary of its own records.</summary>
[GenerateSerializer, Alias("dongda.OrganizationState")]
public sealed record OrganizationState
{
    /// <summary>Null until the organization is created.</summary>
    [Id(0)] public OrgDetails? Details { get; set; }

    /// <summary>
    /// Children that have attached here. A child is only counted while it also names this
    /// organization as its parent, so a link left behind by an interrupted move is harmless.
    /// </summary>
    [Id(1)] public List<string> ChildIds { get; set; } = [];

    /// <summary>Own records summed per day; the records themselves live in <see cref="IRecordPageGrain"/> pages.</summary>
    [Id(3)] public Figures.OwnSummary Own { get; set; } = new();

    /// <summary>The audit trail of the organization's own changes; its records carry their own.</summary>
    [Id(4)] public List<Audit.AuditEntry> Changes { get; set; } = [];
}
