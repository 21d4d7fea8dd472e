using DongDa.Hierarchy.Metrics;

namespace DongDa.Hierarchy.Host.Api.Responses;

/// <summary>The answer of GET /api/v1/orgs/{id}/drilldown: the node and each child, children sorted by name.</summary>
public sealed record DrilldownResponse(OrganizationResponse Org, OrgCounts Orgs, MetricSet Total, IReadOnlyList<DrilldownChild> Children)
{
    public static DrilldownResponse From(SubtreeDrilldown drilldown, IReadOnlyList<string> path)
    {
        var children = drilldown.Children
            .Select(child => new DrilldownChild(OrganizationResponse.From(child.Org, [.. path, child.Org.Id]), child.Orgs, child.Total()))
            .ToList();
        var node = drilldown.Node;
        var org = OrganizationResponse.From(node.Org, path, children.Select(child => child.Org.Id).Order(StringComparer.Ordinal).ToList());
        return new DrilldownResponse(org, node.Orgs, node.Total(), children);
    }
}

public sealed record DrilldownChild(OrganizationResponse Org, OrgCounts Orgs, MetricSet Total);
