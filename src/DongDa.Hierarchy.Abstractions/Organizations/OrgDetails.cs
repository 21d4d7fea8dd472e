namespace DongDa.Hierarchy.Organizations;

/// <summary>The attributes of an organization that a client sets (PUT /api/v1/orgs/{id}).</summary>
[GenerateSerializer, Immutable, Alias("dongda.OrgDetails")]
public sealed record OrgDetails
{
    [Id(0)] public required string Name { get; init; }
    [Id(1)] public required OrgLevel Level { get; init; }
    [Id(2)] public required string Kind { get; init; }
    [Id(3)] public string? ParentId { get; init; }
    [Id(4)] public required int MemberCount { get; init; }
}
