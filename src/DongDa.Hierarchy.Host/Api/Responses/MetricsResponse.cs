using DongDa.Hierarchy.Metrics;

namespace DongDa.Hierarchy.Host.Api.Responses;

/// <summary>The answer of GET /api/v1/orgs/{id}/metrics.</summary>
public sealed record MetricsResponse(
    string OrgId,
    DateOnly? From,
    DateOnly? To,
    OrgCounts Orgs,
    MetricSet Own,
    MetricSet Total,
    ConductorLevelMetrics ByConductorLevel)
{
    public static MetricsResponse For(SubtreeRollup rollup, Period period) =>
        new(rollup.Org.Id, period.From, period.To, rollup.Orgs, rollup.Own, rollup.Total(), rollup.ByConductorLevel);
}
