using DongDa.Hierarchy.Audit;
using DongDa.Hierarchy.Figures;
using DongDa.Hierarchy.Grains.Figures;
using DongDa.Hierarchy.Organizations;
using DongDa.Hierarchy.Records;
using Orleans.Storage;

namespace DongDa.Hierarchy.Grains;

/// <summary>
/// An organization's own records and the figures they add up to: the revisions of the records in
/// their pages, loaded when first needed; the summary in the organization's state, a bounded tail
/// of counters whose older part folds into a snapshot grain. A write, a correction or a withdrawal
/// stores its page first and the summary second, so revisions a failed write or a crash left
/// beyond the summary are found and summed (the revision each replaces subtracted) the next time
/// the records load.
/// </summary>
/// <param name="state">The organization's stored state, whose <see cref="OrganizationState.Own"/> is the summary.</param>
/// <param name="grains">Reaches the record pages and the snapshot.</param>
/// <param name="orgId">The organization.</param>
/// <param name="persist">Writes the state, undoing the given change in memory if the write fails.</param>
/// <param name="absorb">Brings the subtree's figures along with a change of the own figures.</param>
/// <param name="clock">When a change is made.</param>
/// <param name="tellParent">Tells the parent that the subtree changed; a change is acknowledged only after it.</param>
/// <param name="failed">Called when a change failed part-way, so that a fresh activation loads what was stored.</param>
internal sealed class OwnRecordLog(
    IPersistentState<OrganizationState> state, IGrainFactory grains, string orgId, Func<Action, Task> persist, Action<FigureDelta> absorb,
    TimeProvider clock, Func<Task> tellParent, Func<Task> failed)
{
    private readonly OwnRecords _records = new();

    /// <summary>The figures of the organization's own records.</summary>
    public OwnFigures Figures { get; } = new();

    /// <summary>Every revision, in the order stored, once loaded.</summary>
    public IReadOnlyList<OrgRecord> Log => _records.Log;

    public RecordPage List(RecordQuery query) => _records.List(query);

    /// <summary>Reads the summary, and its snapshot when it has one; at activation.</summary>
    public async Task LoadSummary()
    {
        var own = state.State.Own;
        IReadOnlyDictionary<long, long>? snapshotCounters = null;
        if (own.SnapshotRecords > 0)
        {
            var snapshot = await grains.GetGrain<IOwnSnapshotGrain>(orgId).Get()
                ?? throw new InvalidOperationException($"The snapshot of {own.SnapshotRecords} records of '{orgId}' is missing.");
            snapshotCounters = snapshot.Counters;
            if (snapshot.RecordCount > own.SnapshotRecords)
            {
                // The snapshot was stored and then the organization's own state was not: the
                // snapshot already holds the tail and the records of that write.
                own.Counters.Clear();
                own.SnapshotRecords = own.RecordCount = snapshot.RecordCount;
                own.RegistrationDays = [.. snapshot.RegistrationDays];
            }
        }

        Figures.Stored(own, snapshotCounters);
    }

    /// <summary>Whether a page holds records beyond the summary, without loading them all.</summary>
    public Task<bool> HasUnsummarized(IGrainStorage storage) => OwnRecords.HasUnsummarized(storage, grains, orgId, state.State.Own.RecordCount);

    /// <summary>Loads the records unless loaded; revisions a failed write left beyond the summary join it, and the parent is told.</summary>
    public async Task Load(OrgLevel level)
    {
        if (await SumUnsummarized(level)) await tellParent();
    }

    /// <summary>Loads the records unless loaded, and adds to the summary the revisions a failed write or a crash stored beyond it; true when there were any.</summary>
    public async Task<bool> SumUnsummarized(OrgLevel level)
    {
        var strays = await _records.Load(grains, orgId, state.State.Own.RecordCount);
        if (strays.Count == 0) return false;
        await Sum(strays, level);
        return true;
    }

    /// <summary>
    /// Stores the new ones of <paramref name="records"/> (a known id is a replay, or a conflict when
    /// its content differs), written by the grant's actor, counted at <paramref name="level"/>.
    /// </summary>
    public Task<List<(RecordWriteStatus Status, OrgRecord Stored)>> Write(IReadOnlyList<OrgRecord> records, WriteGrant grant, OrgLevel level) =>
        Changing(grant, level, async (actor, now) =>
        {
            var (results, staged) = _records.Stage(records, orgId, now, actor);
            await Store(staged, level);
            foreach (var (_, record) in staged) HierarchyTelemetry.RecordWritten(record.Kind, level);
            return results;
        });

    /// <summary>What <see cref="Write"/> would answer for each record, staging them against the stored ones and storing nothing.</summary>
    public async Task<List<RecordWriteStatus>> Check(IReadOnlyList<OrgRecord> records, OrgLevel level)
    {
        await Load(level);
        return [.. _records.Stage(records, orgId, clock.GetUtcNow(), AuditActor.System).Results.Select(result => result.Status)];
    }

    /// <summary>
    /// Stores the next revision of the record of <paramref name="kind"/> under <paramref name="recordId"/>,
    /// made by <paramref name="change"/> from the current one (null: nothing to change), as
    /// <see cref="Write"/> stores a record.
    /// </summary>
    public Task<RecordWriteOutcome> Revise(RecordKind kind, string recordId, Func<OrgRecord, OrgRecord?> change, WriteGrant grant, OrgLevel level) =>
        Changing(grant, level, async (actor, now) =>
        {
            var (status, record, staged) = _records.StageRevision(kind, recordId, change, now, actor);
            if (staged is { } revision) await Store([revision], level);
            return new RecordWriteOutcome { Status = status, Record = record };
        });

    /// <summary>
    /// A change of the records: stored in their pages, then the summary, then the figures follow
    /// and the parent is told, all before the answer; a replay repeats a telling that failed.
    /// </summary>
    private async Task<T> Changing<T>(WriteGrant grant, OrgLevel level, Func<string, DateTimeOffset, Task<T>> change)
    {
        if (!grant.NamesActor) throw new ArgumentException("A record write must name who makes it.", nameof(grant));
        await Load(level);
        var result = await change(grant.Actor, clock.GetUtcNow());
        await tellParent();
        return result;
    }

    private async Task Store(List<(OrgRecord? Before, OrgRecord After)> staged, OrgLevel level)
    {
        if (staged.Count == 0) return;
        try
        {
            await _records.AppendToPages([.. staged.Select(change => change.After)], grains, orgId);
            await Sum(staged, level);
            _records.Commit(staged.Select(change => change.After));
        }
        catch
        {
            // Pages that were written are picked up when the records load again, by a fresh activation.
            _records.Forget();
            await failed();
            throw;
        }
    }

    /// <summary>
    /// Adds stored revisions to the own figures: the tail grows with them, and once it is long its
    /// counters fold into the snapshot, so the state stored per write stays bounded.
    /// </summary>
    private async Task Sum(List<(OrgRecord? Before, OrgRecord After)> revisions, OrgLevel level)
    {
        var change = Figures.Change(revisions, level, () => _records.RegistrationDaysWith(revisions));
        var tail = state.State.Own.Copy();
        OwnFigures.Add(tail.Counters, change.Counters);
        tail.RegistrationDays = change.RegistrationDays;
        tail.RecordCount += change.Records;
        Dictionary<long, long>? snapshot = null;
        if (tail.TailRecords >= OwnSummary.SnapshotEvery)
        {
            snapshot = Figures.AllCounters();
            OwnFigures.Add(snapshot, change.Counters);
            await grains.GetGrain<IOwnSnapshotGrain>(orgId).Put(
                new OwnCounters { Counters = snapshot, RecordCount = tail.RecordCount, RegistrationDays = change.RegistrationDays });
            tail.Counters.Clear();
            tail.SnapshotRecords = tail.RecordCount;
        }

        var previous = state.State.Own;
        state.State.Own = tail;
        await persist(() => state.State.Own = previous);
        Figures.Stored(tail, snapshot);
        absorb(change.Delta);
    }
}
