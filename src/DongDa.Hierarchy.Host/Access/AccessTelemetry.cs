using System.Diagnostics.Metrics;
using DongDa.Hierarchy.Grains;

namespace DongDa.Hierarchy.Host.Access;

/// <summary>Refused writes are counted, not stored: every 4xx answer to a PUT or POST, by status and method.</summary>
public static class AccessTelemetry
{
    private static readonly Meter Meter = new(HierarchyTelemetry.Name);

    private static readonly Counter<long> RefusedWrites = Meter.CreateCounter<long>(
        "dongda.api.refused_writes", "{request}", "Writes refused: no valid token (401), no rights over the organization (403), or invalid (other 4xx).");

    public static Task CountRefusedWrites(HttpContext context, RequestDelegate next)
    {
        var method = context.Request.Method;
        // Reads pass straight through: no state machine on the path every figure read takes.
        return HttpMethods.IsPost(method) || HttpMethods.IsPut(method) ? CountAfter(context, next, method) : next(context);
    }

    private static async Task CountAfter(HttpContext context, RequestDelegate next, string method)
    {
        await next(context);
        var status = context.Response.StatusCode;
        if (status is >= 400 and < 500)
        {
            RefusedWrites.Add(1, new KeyValuePair<string, object?>("status", status), new KeyValuePair<string, object?>("method", method));
        }
    }
}
