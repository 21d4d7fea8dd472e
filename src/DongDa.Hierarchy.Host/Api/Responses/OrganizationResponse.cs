using DongDa.Hierarchy.Organizations;

namespace DongDa.Hierarchy.Host.Api.Responses;

/// <summary>An organization as the contract shows it.</summary>
public sealed record OrganizationResponse(
    string Id,
    string Name,
    OrgLevel Level,
    string Kind,
    string? ParentId,
    int MemberCount,
    IReadOnlyList<string> ChildIds,
    IReadOnlyList<string> Path)
{
    public static OrganizationResponse From(OrgSnapshot snapshot, IReadOnlyList<string> path, IReadOnlyList<string>? childIds = null) => new(
        snapshot.Id,
        snapshot.Details.Name,
        snapshot.Details.Level,
        snapshot.Details.Kind,
        snapshot.Details.ParentId,
        snapshot.Details.MemberCount,
        childIds ?? snapshot.ChildIds,
        path);
}
