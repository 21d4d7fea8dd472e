using System.Diagnostics.Metrics;

namespace DongDa.Hierarchy.Persistence;

/// <summary>The storage's instruments, on the project's meter (the name the grains' <c>HierarchyTelemetry</c> uses, which the host exports).</summary>
internal static class StorageTelemetry
{
    private static readonly Meter Meter = new("DongDa.Hierarchy");

    /// <summary>How many grain writes each synced transaction carried: 1 everywhere means no write waited for another.</summary>
    public static readonly Histogram<int> WritesPerCommit = Meter.CreateHistogram(
        "dongda.storage.commit.writes", "{write}", "Grain state writes stored together in one transaction (group commit), by database.",
        tags: null,
        advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256] });
}
