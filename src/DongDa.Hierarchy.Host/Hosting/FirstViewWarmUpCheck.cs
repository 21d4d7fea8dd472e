using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DongDa.Hierarchy.Host.Hosting;

/// <summary>Not ready until the first view is warmed, so that a balancer waiting for readiness sends nobody to pay for it.</summary>
public sealed class FirstViewWarmUpCheck(FirstViewWarmUp warmUp) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(warmUp.IsDone ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("Warming the first view."));
}
