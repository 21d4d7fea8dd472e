using DongDa.Hierarchy.Organizations;

namespace DongDa.Hierarchy.Host.Api.Responses;

/// <summary>The organizations a search found, each as the contract shows an organization, with its full path.</summary>
public sealed record SearchResponse(IReadOnlyList<OrganizationResponse> Items)
{
    /// <param name="matches">What the search found, with paths from the organization searched from.</param>
    /// <param name="pathAbove">The path from the root down to the parent of the organization searched from.</param>
    public static SearchResponse From(IReadOnlyList<OrgMatch> matches, IReadOnlyList<string> pathAbove) =>
        new(matches.Select(match => OrganizationResponse.From(match.Org, [.. pathAbove, .. match.Path])).ToList());
}
