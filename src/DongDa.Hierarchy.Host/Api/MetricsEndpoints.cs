using DongDa.Hierarchy.Grains;
using DongDa.Hierarchy.Metrics;
using DongDa.Hierarchy.Host.Access;
using DongDa.Hierarchy.Host.Api.Responses;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DongDa.Hierarchy.Host.Api;

/// <summary>Rolled-up figures, drill-down and monthly series of any organization for any period.</summary>
public static class MetricsEndpoints
{
    public static RouteGroupBuilder MapMetricsEndpoints(this RouteGroupBuilder orgs)
    {
        orgs.MapGet("/{id}/metrics", Metrics)
            .Describe("Figures", "GetMetrics", "The figures of an organization and its whole subtree for a period, split by conducting level", Role.Viewer);
        orgs.MapGet("/{id}/drilldown", Drilldown)
            .Describe("Figures", "GetDrilldown", "The figures of an organization and of each of its children for a period", Role.Viewer);
        orgs.MapGet("/{id}/series", Series)
            .Describe("Figures", "GetSeries", "The total figures of a subtree month by month over a period", Role.Viewer);
        return orgs;
    }

    /// <summary>
    /// No call while the organization, on this silo, has published that the kept answer is still
    /// its answer; otherwise one, which answers nothing but its stamp while that is so. The grain's
    /// reference is made only for a call.
    /// </summary>
    private static async Task<Results<StampedJson<MetricsResponse>, NotFoundProblem>> Metrics(string id, PeriodQuery period, GrainReferences<IOrganizationGrain> orgs, AnswerCache kept)
    {
        var answer = await kept.Read<SubtreeRollup, MetricsResponse>(new AnswerKey("metrics", id, period.Period),
            async seen => await orgs[id].RollupUnlessSeen(period.Period, seen) is { } read ? (read.Stamp, read.Rollup) : null,
            rollup => Task.FromResult(MetricsResponse.For(rollup, period.Period)));
        return answer is null ? Problems.UnknownOrganization(id) : new StampedJson<MetricsResponse>(answer);
    }

    private static async Task<Results<Ok<SeriesResponse>, NotFoundProblem>> Series(string id, SeriesQuery query, GrainReferences<IOrganizationGrain> orgs)
    {
        var series = await orgs[id].Series(query.Months);
        return series is null ? Problems.UnknownOrganization(id) : TypedResults.Ok(SeriesResponse.For(id, query, series.Totals));
    }

    /// <summary>As <see cref="Metrics"/>; the path is part of the stamp (the root's guard), so it is read only for a new answer.</summary>
    private static async Task<Results<StampedJson<DrilldownResponse>, NotFoundProblem>> Drilldown(string id, PeriodQuery period, GrainReferences<IOrganizationGrain> orgs, AnswerCache kept)
    {
        var answer = await kept.Read<SubtreeDrilldown, DrilldownResponse>(new AnswerKey("drilldown", id, period.Period),
            async seen => await orgs[id].DrilldownUnlessSeen(period.Period, seen) is { } read ? (read.Stamp, read.Drilldown) : null,
            async drilldown => DrilldownResponse.From(drilldown, await orgs[id].GetPath() ?? [id]));
        return answer is null ? Problems.UnknownOrganization(id) : new StampedJson<DrilldownResponse>(answer);
    }
}
