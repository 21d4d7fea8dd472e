using DongDa.Hierarchy.Host.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace DongDa.Hierarchy.Api.Tests;

/// <summary>A host that loads the dataset reports ready only once its first view is warmed.</summary>
[Collection(SeededSqliteHostCollection.Name)]
public sealed class FirstViewWarmUpTests(SeededSqliteHost fixture)
{
    [Fact]
    public void Readiness_includes_the_first_view_warm_up()
    {
        var registrations = fixture.Factory.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations;
        Assert.Contains(registrations, registration => registration.Name == "first-view" && registration.Tags.Contains("ready"));
    }

    [Fact]
    public async Task The_check_is_unhealthy_until_the_warm_up_has_ended()
    {
        using var warmUp = ActivatorUtilities.CreateInstance<FirstViewWarmUp>(fixture.Factory.Services);
        var check = new FirstViewWarmUpCheck(warmUp);
        Assert.Equal(HealthStatus.Unhealthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);

        // The host has started already, so the warm-up begins at once.
        await warmUp.StartAsync(CancellationToken.None);
        for (var wait = 0; wait < 300 && !warmUp.IsDone; wait++) await Task.Delay(100);

        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);
        await warmUp.StopAsync(CancellationToken.None);
    }
}
