using DongDa.Hierarchy.Host.Access;
using DongDa.Hierarchy.Host.Api;
using DongDa.Hierarchy.Reports;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace DongDa.Hierarchy.Host.Hosting;

/// <summary>The HTTP side: JSON conventions, problem+json everywhere, health and OpenAPI.</summary>
public static class ApiHosting
{
    public static WebApplicationBuilder AddHierarchyApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ApiLimits>().BindConfiguration(ApiLimits.Section);
        // Every body is bounded by the server too. One byte more than the JSON endpoints accept, so
        // that they, reading one byte past their limit, still give their own answer.
        builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<ApiLimits>>((kestrel, limits) =>
            kestrel.Limits.MaxRequestBodySize = limits.Value.MaxBodyBytes + 1L);
        builder.Services.ConfigureHttpJsonOptions(options =>
        {
            HierarchyJson.Configure(options.SerializerOptions);
            // Numbers are numbers, as bodies are read (JsonBodyOptions); the web default would describe them as strings too.
            options.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict;
        });
        builder.Services.AddProblemDetails();
        builder.Services.AddRequestTimeouts();
        builder.Services.AddOptions<RequestTimeoutOptions>().Configure<IOptions<ApiLimits>>((options, limits) =>
        {
            options.AddPolicy(StopWaitingOnTimeout.Policy, new RequestTimeoutPolicy
            {
                Timeout = limits.Value.RequestTimeout,
                WriteTimeoutResponse = context => Problems.TimedOut(context, limits.Value.RequestTimeout).ExecuteAsync(context),
            });
            options.AddPolicy(StopWaitingOnTimeout.ImportPolicy, new RequestTimeoutPolicy
            {
                Timeout = limits.Value.ImportTimeout,
                WriteTimeoutResponse = context => Problems.TimedOut(context, limits.Value.ImportTimeout).ExecuteAsync(context),
            });
        });
        builder.Services.AddExceptionHandler<ServiceUnavailableHandler>();
        builder.Services.AddSingleton(services => ReportWording.Load(services.GetRequiredService<IOptions<HierarchyHostOptions>>().Value.ReportTemplates));
        builder.Services.ResolveBeforeStart<ReportTemplates>();
        builder.Services.AddSingleton<AnswerCache>();
        builder.Services.AddSingleton<FirstViewWarmUp>();
        builder.Services.AddHostedService(services => services.GetRequiredService<FirstViewWarmUp>());
        builder.Services.AddHealthChecks()
            .AddCheck<GrainReadinessCheck>("grains", tags: ["ready"])
            .AddCheck<FirstViewWarmUpCheck>("first-view", tags: ["ready"]);
        builder.Services.AddHierarchyOpenApi();
        return builder;
    }

    /// <summary>The API, health and telemetry: paths no file of the page lives under.</summary>
    private static bool IsServiceOnly(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics");

    public static WebApplication MapHierarchyApi(this WebApplication app)
    {
        // The drill-down page (wwwroot) is public; the figures it shows come from the API, with a token.
        // Only paths that can name a file of the page are looked up on disk: an API read costs no lookup.
        app.UseWhen(context => !IsServiceOnly(context.Request.Path), page =>
        {
            page.UseDefaultFiles();
            page.UseStaticFiles();
        });
        app.UseExceptionHandler();
        app.Use(AccessTelemetry.CountRefusedWrites);
        app.UseStatusCodePages();
        app.Use(Sessions.RefuseCrossSiteWrites);
        // After the status-code pages, so that a refused request gets problem+json too.
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseRequestTimeouts();

        var orgs = app.MapGroup("/api/v1/orgs");
        orgs.WithRequestTimeout(StopWaitingOnTimeout.Policy);
        // Every organization endpoint checks the id in its path, and its query or body, before it runs.
        orgs.WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status400BadRequest, typeof(HttpValidationProblemDetails), [Problems.MediaType]));
        orgs.RequireAuthorization()
            .AddEndpointFilter<StopWaitingOnTimeout>()
            .AddEndpointFilter<InputProblemFilter>()
            .AddEndpointFilter<ScopeFilter>()
            .MapOrganizationEndpoints()
            .MapRecordEndpoints()
            .MapMetricsEndpoints()
            .MapAuditEndpoints()
            .MapReportEndpoints()
            .MapImportEndpoints()
            .MapExportEndpoints()
            .MapAccountAdminEndpoints();

        app.MapAccountEndpoints();
        app.MapTemplateEndpoints();
        app.MapPageSettings();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        app.MapOpenApi().Protect(AuthOptions.From(app.Configuration).AnonymousOpenApi);
        return app;
    }
}
