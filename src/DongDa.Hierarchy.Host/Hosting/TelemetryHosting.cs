using DongDa.Hierarchy.Grains;
using DongDa.Hierarchy.Host.Access;
using Orleans.Dashboard;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace DongDa.Hierarchy.Host.Hosting;

/// <summary>
/// OpenTelemetry traces, metrics and logs: ASP.NET Core, Orleans, .NET runtime and the project's
/// own source and meter. Metrics are always scraped at <c>/metrics</c>; everything also goes over
/// OTLP when the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set. The Orleans dashboard is at
/// <c>/dashboard</c>.
/// </summary>
public static class TelemetryHosting
{
    public const string ServiceName = "dongda-hierarchy";

    /// <summary>The share of requests traced (0 to 1); by default all when OTLP is set, none otherwise.</summary>
    public const string TraceSampleRatioKey = "Hierarchy:Telemetry:TraceSampleRatio";

    /// <summary>Orleans' activity sources: runtime calls, and calls into application grains.</summary>
    public static readonly string[] OrleansSources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    public static readonly string[] Meters =
        [HierarchyTelemetry.Name, "Microsoft.Orleans", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Runtime"];

    public static WebApplicationBuilder AddHierarchyTelemetry(this WebApplicationBuilder builder)
    {
        var version = typeof(TelemetryHosting).Assembly.GetName().Version?.ToString() ?? "0.0.0";
        // A silo is known by its address; several silos on one machine differ by port.
        var siloPort = builder.Configuration.GetValue($"{HierarchyHostOptions.Section}:{nameof(HierarchyHostOptions.SiloPort)}", new HierarchyHostOptions().SiloPort);
        var exportsOtlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        // Traces that go nowhere are not worth recording: building the spans of every grain call
        // costs a large share of a read's time. Recorded by default only when they are exported.
        var sampleRatio = builder.Configuration.GetValue(TraceSampleRatioKey, exportsOtlp ? 1.0 : 0.0);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName, serviceVersion: version, serviceInstanceId: $"{Environment.MachineName}:{siloPort}"))
            .WithTracing(tracing => tracing
                .SetSampler(Sampler(Math.Clamp(sampleRatio, 0, 1)))
                .AddSource(HierarchyTelemetry.Name)
                .AddSource(OrleansSources)
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !IsScrapeOrProbe(context.Request.Path)))
            .WithMetrics(metrics => metrics
                .AddMeter(Meters)
                .AddPrometheusExporter())
            .WithLogging();

        if (exportsOtlp)
        {
            telemetry.UseOtlpExporter();
        }

        return builder;
    }

    public static WebApplication MapHierarchyTelemetry(this WebApplication app)
    {
        var auth = AuthOptions.From(app.Configuration);
        app.MapPrometheusScrapingEndpoint("/metrics").Protect(auth.AnonymousMetrics);
        app.MapOrleansDashboard(routePrefix: "/dashboard").ExcludeFromDescription().Protect(auth.AnonymousDashboard, AuthHosting.AdminPolicy);
        return app;
    }

    /// <summary>
    /// The ratio decides by trace id wherever the trace comes from, so every silo a trace reaches
    /// makes the same choice, and a client's <c>traceparent</c> cannot switch tracing on.
    /// </summary>
    private static Sampler Sampler(double ratio)
    {
        var byTraceId = new TraceIdRatioBasedSampler(ratio);
        return new ParentBasedSampler(byTraceId, remoteParentSampled: byTraceId, remoteParentNotSampled: byTraceId,
            localParentSampled: new AlwaysOnSampler(), localParentNotSampled: new AlwaysOffSampler());
    }

    private static bool IsScrapeOrProbe(PathString path) =>
        path.StartsWithSegments("/metrics") || path.StartsWithSegments("/health") || path.StartsWithSegments("/dashboard");
}
