using DongDa.Hierarchy.Organizations;

namespace DongDa.Hierarchy.Grains;

/// <summary>
/// Finds the organizations of a subtree by name or id: each organization matches itself and asks
/// its children, which answer only if they still name it as parent; searches only go down.
/// </summary>
/// <param name="grains">Reaches the children.</param>
/// <param name="childLinks">The children linked to the organization searching.</param>
internal sealed class SubtreeSearch(IGrainFactory grains, Func<IReadOnlyList<string>> childLinks)
{
    /// <summary>At most <paramref name="limit"/> matches of <paramref name="query"/> below and at <paramref name="self"/>, higher levels first, then by name.</summary>
    public async Task<IReadOnlyList<OrgMatch>> Find(OrgSnapshot self, string query, int limit)
    {
        var matches = await Matches(self, [], OrgNameSearch.Fold(query));
        // Higher levels first: a ward before its cells, which usually carry the ward's name too.
        return matches
            .OrderBy(match => match.Org.Details.Level)
            .ThenBy(match => match.Org, OrgNameOrder.Instance)
            .Take(limit)
            .ToList();
    }

    /// <summary><paramref name="self"/> if it matches, and the matches of every child's subtree.</summary>
    public async Task<List<OrgMatch>> Matches(OrgSnapshot self, IReadOnlyList<string> pathToParent, string foldedQuery)
    {
        IReadOnlyList<string> path = [.. pathToParent, self.Id];
        var below = await BoundedFanOut.Run(childLinks().ToArray(),
            childId => grains.GetGrain<IOrganizationMember>(childId).SearchBelow(self.Id, path, foldedQuery));
        var matches = below.SelectMany(found => found).ToList();
        if (OrgNameSearch.Matches(foldedQuery, self.Details.Name, self.Id)) matches.Insert(0, new OrgMatch { Org = self, Path = path });
        return matches;
    }
}
