using DongDa.Hierarchy.Organizations;

namespace DongDa.Hierarchy.Host.Sheets;

/// <summary>The organizations of a subtree in the drill-down's order: each before its children, children by name; with their depth below the root.</summary>
public static class Subtree
{
    public static async Task<List<(OrgSnapshot Org, int Depth)>> InOrder(IGrainFactory grains, string rootId)
    {
        var ordered = new List<(OrgSnapshot, int)>();
        var stack = new Stack<(string Id, int Depth)>([(rootId, 0)]);
        while (stack.TryPop(out var next))
        {
            if (await grains.GetGrain<IOrganizationGrain>(next.Id).GetFamily() is not { } family) continue;
            ordered.Add((family.Org, next.Depth));
            foreach (var child in family.Children.Reverse()) stack.Push((child.Id, next.Depth + 1));
        }

        return ordered;
    }
}
