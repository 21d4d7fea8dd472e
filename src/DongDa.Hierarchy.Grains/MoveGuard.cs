namespace DongDa.Hierarchy.Grains;

/// <summary>
/// Counts the moves under one root, in the root organization's own activation, so that a rollup
/// at the root proves no move overlapped it without a call, and one below it with a call to the
/// root. Kept in memory only: a move lives within one call of one activation, so there is nothing
/// to recover after a restart except forgetting moves whose silo died.
/// </summary>
/// <param name="clock">When a move began.</param>
/// <param name="instance">The activation: one reactivated counts afresh, which must not look like stillness.</param>
/// <param name="delayDeactivation">Keeps the activation while a move is in flight.</param>
internal sealed class MoveGuard(TimeProvider clock, Guid instance, Action<TimeSpan> delayDeactivation)
{
    /// <summary>Longer than any move can take within the grain call timeout; a move older than this died with its silo.</summary>
    private static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(1);

    private readonly Dictionary<Guid, DateTimeOffset> _inFlight = [];
    private long _epoch;

    public StructureVersion Current()
    {
        if (_inFlight.Count > 0)
        {
            var cutoff = clock.GetUtcNow() - AbandonedAfter;
            foreach (var abandoned in _inFlight.Where(move => move.Value < cutoff).Select(move => move.Key).ToList())
            {
                _inFlight.Remove(abandoned);
                _epoch++;
            }
        }

        return new StructureVersion { Epoch = _epoch, InFlight = _inFlight.Count, Instance = instance };
    }

    public void Begin(Guid moveId)
    {
        _inFlight[moveId] = clock.GetUtcNow();
        _epoch++;
        // Forgetting a move in flight would let a rollup that overlaps it pass as consistent.
        delayDeactivation(AbandonedAfter);
    }

    public void End(Guid moveId)
    {
        _inFlight.Remove(moveId);
        _epoch++;
    }
}
