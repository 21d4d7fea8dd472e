using System.Diagnostics.Metrics;
using DongDa.Hierarchy.Grains;

namespace DongDa.Hierarchy.Host.Access;

/// <summary>Refused writes are counted, not stored: every 4xx answer to a PUT or POST, by status and method.</summary>
public static class AccessTelemetry
{
    private static readonly Meter Meter = new(HierarchyTelemetry.Name);

    private static readonly Counter<long> RefusedWrites = Meter.CreateCounter<long>(
        "dongda.api.refused_writes", "{request}", "Writes refused: no valid token (401), no rights over the organization (403), or invalid (other 4xx).");

    public static async Task CountRefusedWrites(HttpContext context, RequestDelegate next)
    {
        await next(context);
        var status = context.Response.StatusCode;
        if (status is >= 400 and < 500 && (HttpMethods.IsPost(context.Request.Method) || HttpMethods.IsPut(context.Request.Method)))
        {
            RefusedWrites.Add(1, new KeyValuePair<string, object?>("status", status), new KeyValuePair<string, object?>("method", context.Request.Method));
        }
    }
}
