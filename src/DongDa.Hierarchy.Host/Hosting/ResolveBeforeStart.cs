namespace DongDa.Hierarchy.Host.Hosting;

/// <summary>
/// Builds a service when the host starts, before any hosted service (the silo, the server) starts,
/// instead of on first use. A service whose making can fail then fails the start, in one line, rather
/// than a request; and nothing lazily made can keep a failure it met once for the life of the process.
/// </summary>
public static class ResolveBeforeStartExtensions
{
    public static IServiceCollection ResolveBeforeStart<TService>(this IServiceCollection services) where TService : notnull =>
        services.AddHostedService<ResolveBeforeStart<TService>>();
}

internal sealed class ResolveBeforeStart<TService>(IServiceProvider services) : BeforeStart where TService : notnull
{
    public override Task StartingAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<TService>();
        return Task.CompletedTask;
    }
}

/// <summary>Work done once when the host starts, before any hosted service starts; a failure stops the start.</summary>
public abstract class BeforeStart : IHostedLifecycleService
{
    public abstract Task StartingAsync(CancellationToken cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
