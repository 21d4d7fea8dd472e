namespace DongDa.Hierarchy.Organizations;

/// <summary>An organization with its path from the root and the children counted under it, read together.</summary>
[GenerateSerializer, Immutable, Alias("dongda.OrgFamily")]
public sealed record OrgFamily
{
    [Id(0)] public required OrgSnapshot Org { get; init; }

    /// <summary>Ids from the root down to the organization.</summary>
    [Id(1)] public required IReadOnlyList<string> Path { get; init; }

    /// <summary>The children whose stored state names the organization as parent, ordered by name.</summary>
    [Id(2)] public required IReadOnlyList<OrgSnapshot> Children { get; init; }
}
