using System.Diagnostics.Metrics;
using DongDa.Hierarchy.Grains;

namespace DongDa.Hierarchy.Host.Access;

/// <summary>Refused requests are counted, not stored: by status (401, 403) and method.</summary>
public static class AccessTelemetry
{
    private static readonly Meter Meter = new(HierarchyTelemetry.Name);

    private static readonly Counter<long> RefusedRequests = Meter.CreateCounter<long>(
        "dongda.api.refused", "{request}", "Requests refused for want of a valid token (401) or of rights over the organization (403).");

    public static void Refused(int status, string method) => RefusedRequests.Add(1,
        new KeyValuePair<string, object?>("status", status), new KeyValuePair<string, object?>("method", method));
}
