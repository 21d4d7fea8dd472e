using System.Diagnostics;
using System.Net;
using DongDa.Hierarchy.Grains;
using DongDa.Hierarchy.Host.Hosting;
using DongDa.Hierarchy.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Trace;

namespace DongDa.Hierarchy.Api.Tests;

/// <summary>A metrics request is one trace: the ASP.NET Core request, the rollup and the grain calls it causes.</summary>
/// <remarks>
/// Activity listeners are process-wide, so this runs alone: spans of other tests' hosts would
/// otherwise land in this exporter too.
/// </remarks>
[Collection(AloneCollection.Name)]
public sealed class TraceTests
{
    [Fact]
    public async Task One_metrics_request_yields_one_trace_with_the_request_the_rollup_and_its_grain_calls()
    {
        var spans = new SpanList();
        await using var store = new SqliteTestStore();
        await using var host = Traced(store, spans, new() { [TelemetryHosting.TraceSampleRatioKey] = "1" });
        var client = host.CreateClient();
        await client.Put("/api/v1/orgs/tr-d", Builders.Org("Quận", "district", null));
        await client.Put("/api/v1/orgs/tr-g", Builders.Org("Phường", "grassroots", "tr-d"));
        await client.Put("/api/v1/orgs/tr-c", Builders.Org("Chi bộ", "cell", "tr-g"));
        // A change below the root, so that the rollup has to ask down the tree.
        Assert.Equal(HttpStatusCode.Created, (await client.Post("/api/v1/orgs/tr-c/study-sessions", Builders.Record("study-sessions", "tr-1"))).Status);
        var tracer = host.Services.GetRequiredService<TracerProvider>();
        tracer.ForceFlush();
        spans.Clear();

        Assert.Equal(HttpStatusCode.OK, (await client.Get("/api/v1/orgs/tr-d/metrics")).Status);
        // The server span ends just after the response has gone out.
        var recorded = await Eventually(spans, tracer, all => all.Any(IsMetricsRequest));
        var request = Assert.Single(recorded, IsMetricsRequest);
        var trace = recorded.Where(span => span.TraceId == request.TraceId).ToList();
        var rollup = Assert.Single(trace, span => span.Source.Name == HierarchyTelemetry.Name && span.DisplayName == "rollup metrics");
        var grainCalls = trace.Where(span => span.Source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal)).ToList();
        Assert.Contains(grainCalls, span => span.DisplayName.Contains("Rollup"));
        Assert.Contains(grainCalls, span => span.DisplayName.Contains("GetChanges"));
        Assert.All(grainCalls.Concat([rollup]), span => Assert.NotEqual(default, span.ParentSpanId));
        // Nothing the request caused started a trace of its own.
        Assert.DoesNotContain(recorded, span => span.TraceId != request.TraceId
            && (span.Source.Name == HierarchyTelemetry.Name || span.DisplayName.Contains("OrganizationGrain")));
    }

    [Fact]
    public async Task Without_an_exporter_or_a_sample_ratio_no_request_is_traced()
    {
        var spans = new SpanList();
        await using var store = new SqliteTestStore();
        await using var host = Traced(store, spans, []);
        var client = host.CreateClient();
        await client.Put("/api/v1/orgs/tn-d", Builders.Org("Quận", "district", null));
        Assert.Equal(HttpStatusCode.OK, (await client.Get("/api/v1/orgs/tn-d/metrics")).Status);

        host.Services.GetRequiredService<TracerProvider>().ForceFlush();
        Assert.Empty(spans.Snapshot());
    }

    private static HostFactory Traced(TestStore store, SpanList spans, Dictionary<string, string> settings) =>
        new(store, seed: false, services => services.AddOpenTelemetry().WithTracing(tracing => tracing.AddInMemoryExporter(spans)), settings);

    private static bool IsMetricsRequest(Activity span) => span.Kind == ActivityKind.Server && span.DisplayName.Contains("/api/v1/orgs/{id}/metrics");

    private static async Task<List<Activity>> Eventually(SpanList spans, TracerProvider tracer, Func<List<Activity>, bool> done)
    {
        for (var attempt = 0; ; attempt++)
        {
            tracer.ForceFlush();
            var recorded = spans.Snapshot();
            if (done(recorded) || attempt == 50) return recorded;
            await Task.Delay(100);
        }
    }
}

/// <summary>The exporter's list, written from whichever thread ends a span.</summary>
internal sealed class SpanList : System.Collections.ObjectModel.Collection<Activity>
{
    public List<Activity> Snapshot()
    {
        lock (Items) return [.. Items];
    }

    protected override void InsertItem(int index, Activity item)
    {
        lock (Items) base.InsertItem(index, item);
    }

    protected override void ClearItems()
    {
        lock (Items) base.ClearItems();
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "alone";
}
