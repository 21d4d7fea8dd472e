namespace DongDa.Hierarchy.Organizations;

/// <summary>An organization as it stands: its details and the ids of its children.</summary>
[GenerateSerializer, Immutable, Alias("dongda.OrgSnapshot")]
public sealed record OrgSnapshot
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required OrgDetails Details { get; init; }
    [Id(2)] public required IReadOnlyList<string> ChildIds { get; init; }
}
