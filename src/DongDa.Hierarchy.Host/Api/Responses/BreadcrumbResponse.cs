using DongDa.Hierarchy.Organizations;

namespace DongDa.Hierarchy.Host.Api.Responses;

/// <summary>
/// The answer of GET /api/v1/orgs/{id}/breadcrumb: the organizations from the highest the caller
/// may see down to {id}, each by id, name and level, read without asking anyone's children.
/// </summary>
public sealed record BreadcrumbResponse(IReadOnlyList<BreadcrumbItem> Items)
{
    /// <param name="path">Snapshots from the top down; one that is gone (an organization no longer there) is left out.</param>
    public static BreadcrumbResponse From(IEnumerable<OrgSnapshot?> path) =>
        new(path.OfType<OrgSnapshot>().Select(org => new BreadcrumbItem(org.Id, org.Details.Name, org.Details.Level)).ToList());
}

/// <summary>One organization of a breadcrumb.</summary>
public sealed record BreadcrumbItem(string Id, string Name, OrgLevel Level);
