using DongDa.Hierarchy.Organizations;

namespace DongDa.Hierarchy.Seeding;

/// <summary>One organization of the dataset, as in organizations.json.</summary>
public sealed record SeedOrganization
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required OrgLevel Level { get; init; }
    public required string Kind { get; init; }
    public string? ParentId { get; init; }
    public required int MemberCount { get; init; }

    public OrgDetails ToDetails() => new() { Name = Name, Level = Level, Kind = Kind, ParentId = ParentId, MemberCount = MemberCount };
}
