using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text.Json;
using DongDa.Hierarchy.Organizations;
using DongDa.Hierarchy.Records;

namespace DongDa.Hierarchy.Grains;

/// <summary>
/// The project's own activity source and meter, both named <see cref="Name"/>. Labels are bounded
/// sets (record kinds, levels, outcomes); organization ids never become labels.
/// </summary>
public static class HierarchyTelemetry
{
    public const string Name = "DongDa.Hierarchy";

    /// <summary>Request-context key marking grain calls made on behalf of a rollup, so that they can be counted.</summary>
    public const string RollupMarker = "dongda.rollup";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> RecordsWritten = Meter.CreateCounter<long>(
        "dongda.records.written", "{record}", "Records stored, by record kind and the level of the organization that holds them.");

    // Rollups served from memory take microseconds; rebuilding a large subtree takes seconds.
    internal static readonly Histogram<double> RollupDuration = Meter.CreateHistogram(
        "dongda.rollup.duration", "s", "Time to answer a metrics or drill-down rollup inside the grains, by whether it was served from what was already known.",
        tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });

    internal static readonly Counter<long> RollupGrainCalls = Meter.CreateCounter<long>(
        "dongda.rollup.grain_calls", "{call}", "Grain calls made to answer rollups, each rollup's own call included; divide by the rollup count for calls per rollup.");

    internal static readonly Histogram<long> RowsLoadedOnActivation = Meter.CreateHistogram(
        "dongda.activation.rows_loaded", "{row}", "Storage rows read when a grain activates, by grain kind.",
        tags: null,
        advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [0, 1, 2, 3, 5, 10] });

    /// <summary>
    /// Measures one rollup asked of the grains: a span, the marker that makes every call it causes
    /// count, and, once <see cref="RollupScope.Served"/> says how it was answered, its duration.
    /// </summary>
    internal static RollupScope StartRollup(string query)
    {
        RequestContext.Set(RollupMarker, true);
        RollupGrainCalls.Add(1);
        return new RollupScope(query, Source.StartActivity("rollup " + query), Stopwatch.GetTimestamp());
    }

    internal sealed class RollupScope(string query, Activity? activity, long started) : IDisposable
    {
        private string? _served;

        /// <summary>
        /// How the rollup was answered: from the subtree figures already known (no child asked for
        /// this node's figures), or after asking children. A rollup of an unknown organization
        /// never says, and is not measured.
        /// </summary>
        public void Served(bool known)
        {
            _served = known ? "known" : "refreshed";
            activity?.SetTag("dongda.rollup.served", _served);
        }

        public void Dispose()
        {
            if (_served is not null)
            {
                RollupDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds,
                    new KeyValuePair<string, object?>("query", query), new KeyValuePair<string, object?>("served", _served));
            }

            activity?.Dispose();
            RequestContext.Remove(RollupMarker);
        }
    }

    /// <summary>Counts a stored record; label values are spelled as the API spells them (camelCase).</summary>
    internal static void RecordWritten(RecordKind kind, OrgLevel conductorLevel) => RecordsWritten.Add(1,
        new KeyValuePair<string, object?>("kind", JsonNamingPolicy.CamelCase.ConvertName(kind.ToString())),
        new KeyValuePair<string, object?>("conductor_level", JsonNamingPolicy.CamelCase.ConvertName(conductorLevel.ToString())));

    internal static void RecordRowsLoaded(string grain, long rows) =>
        RowsLoadedOnActivation.Record(rows, new KeyValuePair<string, object?>("grain", grain));
}
