using DongDa.Hierarchy.Metrics;

namespace DongDa.Hierarchy.Host.Api.Responses;

/// <summary>The answer of GET /api/v1/orgs/{id}/series: the subtree's total figures month by month.</summary>
public sealed record SeriesResponse(string OrgId, DateOnly From, DateOnly To, IReadOnlyList<SeriesMonth> Months)
{
    public static SeriesResponse For(string orgId, SeriesQuery query, IReadOnlyList<MetricSet> totals) =>
        new(orgId, query.Period.From!.Value, query.Period.To!.Value,
            query.Months.Zip(totals, (month, total) => new SeriesMonth(month.From!.Value, month.To!.Value, total)).ToList());
}

/// <summary>One month of a series, clipped to the series' period, with the subtree's total for it.</summary>
public sealed record SeriesMonth(DateOnly From, DateOnly To, MetricSet Total);
