using DongDa.Hierarchy.Host;
using DongDa.Hierarchy.Host.Hosting;

var builder = WebApplication.CreateBuilder(args);
if (HostCommandLine.RunVerb(builder, args) is { } exitCode) return exitCode;

return StartupFailure.RunOrExplain(() =>
{
    builder.AddHierarchySilo();
    builder.AddHierarchyApi();
    builder.AddHierarchyAuth();
    builder.AddHierarchyTelemetry();

    var app = builder.Build();
    app.MapHierarchyApi();
    app.MapHierarchyTelemetry();
    return app;
});

/// <summary>Entry point, visible to the HTTP tests' WebApplicationFactory.</summary>
public partial class Program;
