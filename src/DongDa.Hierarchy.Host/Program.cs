using DongDa.Hierarchy.Host.Access;
using DongDa.Hierarchy.Host.Hosting;

var builder = WebApplication.CreateBuilder(args);
if (TokenCommand.IsInvoked(args)) return TokenCommand.Run(builder, args);

builder.AddHierarchySilo();
builder.AddHierarchyApi();
builder.AddHierarchyAuth();
builder.AddHierarchyTelemetry();

var app = builder.Build();
app.MapHierarchyApi();
app.MapHierarchyTelemetry();
return app.RunOrExplain();

/// <summary>Entry point, visible to the HTTP tests' WebApplicationFactory.</summary>
public partial class Program;
