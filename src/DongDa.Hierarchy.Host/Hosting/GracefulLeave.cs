using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace DongDa.Hierarchy.Host.Hosting;

/// <summary>
/// A silo of a cluster asked to stop (SIGTERM) first reports itself not ready and keeps serving for
/// <see cref="HierarchyHostOptions.DrainSeconds"/>, so that the balancer's health check takes it out
/// while it still answers; only then does the server stop listening (after finishing what it has) and
/// the silo hand its grains over and leave the cluster, as Orleans does on a graceful stop. A
/// request the balancer sent before it noticed is answered, not refused.
/// </summary>
public sealed class GracefulLeave(IOptions<HierarchyHostOptions> options, ILogger<GracefulLeave> logger) : IHostedLifecycleService, IHealthCheck
{
    private volatile bool _leaving;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_leaving ? HealthCheckResult.Unhealthy("Stopping: leaving the cluster.") : HealthCheckResult.Healthy());

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        _leaving = true;
        var drain = TimeSpan.FromSeconds(options.Value.DrainSeconds);
        logger.LogInformation("Stopping: not ready for {Drain} s while the balancer takes this silo out, then leaving the cluster.", drain.TotalSeconds);
        try
        {
            await Task.Delay(drain, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The host's shutdown timeout ran out first: stop now.
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
