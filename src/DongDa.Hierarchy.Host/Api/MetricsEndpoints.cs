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

    private static async Task<Results<Ok<MetricsResponse>, NotFoundProblem>> Metrics(string id, PeriodQuery period, IGrainFactory grains)
    {
        var rollup = await grains.GetGrain<IOrganizationGrain>(id).Rollup(period.Period);
        return rollup is null ? Problems.UnknownOrganization(id) : TypedResults.Ok(MetricsResponse.For(rollup, period.Period));
    }

    private static async Task<Results<Ok<SeriesResponse>, NotFoundProblem>> Series(string id, SeriesQuery query, IGrainFactory grains)
    {
        var series = await grains.GetGrain<IOrganizationGrain>(id).Series(query.Months);
        return series is null ? Problems.UnknownOrganization(id) : TypedResults.Ok(SeriesResponse.For(id, query, series.Totals));
    }

    private static async Task<Results<Ok<DrilldownResponse>, NotFoundProblem>> Drilldown(string id, PeriodQuery period, IGrainFactory grains)
    {
        var grain = grains.GetGrain<IOrganizationGrain>(id);
        var drilldown = await grain.Drilldown(period.Period);
        if (drilldown is null) return Problems.UnknownOrganization(id);
        return TypedResults.Ok(DrilldownResponse.From(drilldown, await grain.GetPath() ?? [id]));
    }
}
