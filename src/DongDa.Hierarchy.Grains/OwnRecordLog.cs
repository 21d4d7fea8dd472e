using DongDa.Hierarchy.Figures;
using DongDa.Hierarchy.Grains.Figures;
using DongDa.Hierarchy.Organizations;
using DongDa.Hierarchy.Records;

namespace DongDa.Hierarchy.Grains;

/// <summary>
/// An organization's own records and the figures they add up to: the records in their pages,
/// loaded when first needed; the summary in the organization's state, a bounded tail of counters
/// whose older part folds into a snapshot grain. A write stores its page first and the summary
/// second, so records a failed write or a crash left beyond the summary are found and summed the
/// next time the records load.
/// </summary>
/// <param name="state">The organization's stored state, whose <see cref="OrganizationState.Own"/> is the summary.</param>
/// <param name="grains">Reaches the record pages and the snapshot.</param>
/// <param name="orgId">The organization.</param>
/// <param name="persist">Writes the state, undoing the given change in memory if the write fails.</param>
/// <param name="absorb">Brings the subtree's figures along with a change of the own figures.</param>
internal sealed class OwnRecordLog(
    IPersistentState<OrganizationState> state, IGrainFactory grains, string orgId, Func<Action, Task> persist, Action<FigureDelta> absorb)
{
    private readonly OwnRecords _records = new();

    /// <summary>The figures of the organization's own records.</summary>
    public OwnFigures Figures { get; } = new();

    /// <summary>Every record, once loaded.</summary>
    public IReadOnlyList<OrgRecord> All => _records.All;

    public RecordPage List(RecordQuery query) => _records.List(query);

    /// <summary>Reads the summary, and its snapshot when it has one; at activation.</summary>
    public async Task LoadSummary()
    {
        var own = state.State.Own;
        if (own.SnapshotRecords > 0)
        {
            var snapshot = await grains.GetGrain<IOwnSnapshotGrain>(orgId).Get()
                ?? throw new InvalidOperationException($"The snapshot of {own.SnapshotRecords} records of '{orgId}' is missing.");
            OwnFigures.Add(Figures.Counters, snapshot.Counters);
            if (snapshot.RecordCount > own.SnapshotRecords)
            {
                // The snapshot was stored and then the organization's own state was not: the
                // snapshot already holds the tail and the records of that write.
                own.Counters.Clear();
                own.SnapshotRecords = own.RecordCount = snapshot.RecordCount;
                own.RegistrationDays = [.. snapshot.RegistrationDays];
            }
        }

        OwnFigures.Add(Figures.Counters, own.Counters);
        Figures.RegistrationDays = [.. own.RegistrationDays];
    }

    /// <summary>Whether a page holds records beyond the summary, without loading them all.</summary>
    public Task<bool> HasUnsummarized() => OwnRecords.HasUnsummarized(grains, orgId, state.State.Own.RecordCount);

    /// <summary>Loads the records unless loaded, and adds to the summary those a failed write or a crash stored beyond it; true when there were any.</summary>
    public async Task<bool> SumUnsummarized(OrgLevel level)
    {
        var strays = await _records.Load(grains, orgId, state.State.Own.RecordCount);
        if (strays.Count == 0) return false;
        await Sum(strays, level);
        return true;
    }

    /// <summary>
    /// Stores the new ones of <paramref name="records"/> (a known id is a replay, or a conflict when
    /// its content differs), stamped with <paramref name="actor"/> and <paramref name="now"/>, counted
    /// at <paramref name="level"/>. A write that failed part-way calls <paramref name="deactivate"/>,
    /// so that a fresh activation loads what was stored.
    /// </summary>
    public async Task<List<(RecordWriteStatus Status, OrgRecord Stored)>> Write(
        IReadOnlyList<OrgRecord> records, string actor, DateTimeOffset now, OrgLevel level, Action deactivate)
    {
        var (results, staged) = _records.Stage(records, orgId, now, actor);
        if (staged.Count == 0) return results;
        try
        {
            await _records.AppendToPages(staged, grains, orgId);
            await Sum(staged, level);
            _records.Commit(staged);
            foreach (var record in staged) HierarchyTelemetry.RecordWritten(record.Kind, level);
        }
        catch
        {
            // Pages that were written are picked up when the records load again, by a fresh activation.
            _records.Forget();
            deactivate();
            throw;
        }

        return results;
    }

    /// <summary>
    /// Adds stored records to the own figures: the tail grows with them, and once it is long its
    /// counters fold into the snapshot, so the state stored per write stays bounded.
    /// </summary>
    private async Task Sum(IReadOnlyList<OrgRecord> records, OrgLevel level)
    {
        var change = Figures.Change(records, level);
        var tail = state.State.Own.Copy();
        OwnFigures.Add(tail.Counters, change.Counters);
        tail.RegistrationDays = change.RegistrationDays;
        tail.RecordCount += change.Records;
        if (tail.TailRecords >= OwnSummary.SnapshotEvery)
        {
            var all = new Dictionary<long, long>(Figures.Counters);
            OwnFigures.Add(all, change.Counters);
            await grains.GetGrain<IOwnSnapshotGrain>(orgId).Put(
                new OwnCounters { Counters = all, RecordCount = tail.RecordCount, RegistrationDays = change.RegistrationDays });
            tail.Counters.Clear();
            tail.SnapshotRecords = tail.RecordCount;
        }

        var previous = state.State.Own;
        state.State.Own = tail;
        await persist(() => state.State.Own = previous);
        Figures.Apply(change);
        absorb(change.Delta);
    }
}
