namespace DongDa.Hierarchy.Grains;

/// <summary>
/// Counts the moves under one root. Kept in memory only: a move lives within one call of one
/// activation, so there is nothing to recover after a restart except forgetting moves whose silo died.
/// </summary>
[GrainType("structureguard")]
public sealed class StructureGuardGrain(TimeProvider clock) : Grain, IStructureGuardGrain
{
    /// <summary>Longer than any move can take within the grain call timeout; a move older than this died with its silo.</summary>
    private static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(1);

    private readonly Guid _instance = Guid.NewGuid();
    private readonly Dictionary<Guid, DateTimeOffset> _inFlight = [];
    private long _epoch;

    public Task<StructureVersion> Current()
    {
        var cutoff = clock.GetUtcNow() - AbandonedAfter;
        foreach (var abandoned in _inFlight.Where(move => move.Value < cutoff).Select(move => move.Key).ToList())
        {
            _inFlight.Remove(abandoned);
            _epoch++;
        }

        return Task.FromResult(new StructureVersion { Epoch = _epoch, InFlight = _inFlight.Count, Instance = _instance });
    }

    public Task Begin(Guid moveId)
    {
        _inFlight[moveId] = clock.GetUtcNow();
        _epoch++;
        // Forgetting a move in flight would let a rollup that overlaps it pass as consistent.
        DelayDeactivation(AbandonedAfter);
        return Task.CompletedTask;
    }

    public Task End(Guid moveId)
    {
        _inFlight.Remove(moveId);
        _epoch++;
        return Task.CompletedTask;
    }
}
