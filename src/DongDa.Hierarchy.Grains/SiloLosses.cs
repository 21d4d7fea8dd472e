using Microsoft.Extensions.Logging;

namespace DongDa.Hierarchy.Grains;

/// <summary>
/// Counts the silos this silo has seen declared dead. A silo that dies between storing a record and
/// telling the ancestors leaves ancestors on other silos summing without it, and no one would tell
/// them; so after a loss every organization here asks again, at its next rollup, the children it
/// holds (see <see cref="Rollup.SubtreeProtocol{TDelta, TFigures, TSum, TChild}"/>): the path of
/// such a record is held from before it was stored.
/// </summary>
public sealed class SiloLosses(IClusterMembershipService membership, ILogger<SiloLosses> logger) : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private long _count;
    private Task _watching = Task.CompletedTask;

    /// <summary>Silos seen dead so far; a figure kept from before a change of this count may be short where a child is held.</summary>
    public long Count => Volatile.Read(ref _count);

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SiloLosses), ServiceLifecycleStage.Active, Start, Stop);

    private Task Start(CancellationToken cancellationToken)
    {
        _watching = Watch(_stopping.Token);
        return Task.CompletedTask;
    }

    private async Task Stop(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _watching.WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task Watch(CancellationToken cancellationToken)
    {
        var dead = new HashSet<SiloAddress>();
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(cancellationToken))
            {
                foreach (var member in snapshot.Members.Values)
                {
                    if (member.Status == SiloStatus.Dead && dead.Add(member.SiloAddress))
                    {
                        Interlocked.Increment(ref _count);
                        logger.LogInformation("Silo {Silo} is dead; held children will be asked again", member.SiloAddress);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The silo is stopping; its grains are going too.
        }
        catch (Exception exception)
        {
            // Without the watch, figures could stay short after a silo loss; say so loudly.
            logger.LogError(exception, "Stopped watching for dead silos; figures may miss records a dead silo stored");
        }
    }

    public void Dispose() => _stopping.Dispose();
}
