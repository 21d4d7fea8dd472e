using DongDa.Hierarchy.Host.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddHierarchySilo();
builder.AddHierarchyApi();
builder.AddHierarchyTelemetry();

var app = builder.Build();
app.MapHierarchyApi();
app.MapHierarchyTelemetry();
return app.RunOrExplain();

/// <summary>Entry point, visible to the HTTP tests' WebApplicationFactory.</summary>
public partial class Program;
