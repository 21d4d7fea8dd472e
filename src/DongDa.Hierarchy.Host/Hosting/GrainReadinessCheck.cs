using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DongDa.Hierarchy.Host.Hosting;

/// <summary>Ready when a grain backed by storage answers, i.e. the silo is up and its store is reachable.</summary>
public sealed class GrainReadinessCheck(IGrainFactory grains) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await grains.GetGrain<ISeedLedgerGrain>("default").IsLoaded(Seeding.Dataset.Version).WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception)
        {
            return HealthCheckResult.Unhealthy("Grains or storage do not answer.", exception);
        }
    }
}
