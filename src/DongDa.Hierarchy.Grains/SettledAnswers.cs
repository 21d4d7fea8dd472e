using System.Collections.Concurrent;
using DongDa.Hierarchy.Metrics;

namespace DongDa.Hierarchy.Grains;

/// <summary>
/// The stamps that organizations on this silo would answer "unchanged" to right now, so that the
/// host in the same process can send again an answer it kept for such a stamp without a grain call.
/// </summary>
/// <remarks>
/// An organization publishes its stamp at the end of a read when its figures are fresh and settled
/// (no child held, nothing of its own being written) and no call that may change it is running; it
/// withdraws the stamp before any such call runs, and when it is deactivated. Every change to what
/// it answers comes by such a call (a write of its own, a child's hold or news, a link, a move) and
/// is answered only after it ran, so no acknowledged change leaves a stamp published. A root
/// publishes its move guard's version as it changes, and a stamp holds only while that version is
/// still the stamp's with no move under way, and while no silo was lost since it was published.
/// What is not here (an organization on another silo, a root elsewhere, one not read yet) is asked
/// as before.
/// </remarks>
/// <param name="losses">The silos seen dead so far (<see cref="SiloLosses.Count"/>).</param>
public sealed class SettledAnswers(Func<long> losses)
{
    private readonly ConcurrentDictionary<string, (AnswerStamp Stamp, long Losses)> _stamps = new();
    private readonly ConcurrentDictionary<Guid, StructureVersion> _guards = new();

    /// <summary>Whether <paramref name="orgId"/> would answer a read that has seen <paramref name="stamp"/> with "unchanged".</summary>
    public bool IsCurrent(string orgId, AnswerStamp stamp) =>
        _stamps.TryGetValue(orgId, out var published) && published.Stamp == stamp && published.Losses == losses()
        && _guards.TryGetValue(stamp.Guard, out var guard) && guard.IsStill && guard.Epoch == stamp.GuardEpoch;

    /// <summary>The silos seen dead, read before the organization checks that it is settled, whose figures count them.</summary>
    internal long Losses => losses();

    internal void Publish(string orgId, AnswerStamp stamp, long lossesSeen)
    {
        // Every warm read publishes again; replacing an entry allocates, so an unchanged one is left.
        if (!_stamps.TryGetValue(orgId, out var published) || published != (stamp, lossesSeen)) _stamps[orgId] = (stamp, lossesSeen);
    }

    /// <summary>Withdraws the stamp of <paramref name="orgId"/> if <paramref name="activation"/> published it.</summary>
    internal void Withdraw(string orgId, Guid activation)
    {
        if (_stamps.TryGetValue(orgId, out var published) && published.Stamp.Activation == activation)
        {
            _stamps.TryRemove(KeyValuePair.Create(orgId, published));
        }
    }

    internal void PublishGuard(StructureVersion version)
    {
        if (!_guards.TryGetValue(version.Instance, out var published) || published != version) _guards[version.Instance] = version;
    }

    internal void WithdrawGuard(Guid instance) => _guards.TryRemove(instance, out _);
}
