using DongDa.Hierarchy.Figures;
using Microsoft.Extensions.Logging;

namespace DongDa.Hierarchy.Grains;

/// <summary>
/// An organization's stored sum of its children (<see cref="SubtreeSummary"/>) and the holds that
/// keep it true: nothing below is stored before the path up to the root holds it and has marked
/// its stored sum out of date, and a sum is stored again only once nothing is held (see
/// <see cref="Rollup.SubtreeProtocol{TDelta, TFigures, TSum, TChild}"/>). The sum is stored lazily:
/// a while after it was marked out of date and when the organization is deactivated, whenever its
/// figures are fresh and settled then; never on a write's path.
/// </summary>
/// <param name="row">The stored sum.</param>
/// <param name="subtree">The figures and the protocol's holds.</param>
/// <param name="grain">The organization, whose turn the timer takes.</param>
/// <param name="deactivate">Lets the activation go after a failed write of the row, which may have committed.</param>
/// <param name="grains">Reaches the parents.</param>
/// <param name="orgId">The organization, as its parents know it.</param>
/// <param name="parentId">The parent its stored state names now, if any.</param>
/// <param name="logger">Where a sum that could not be stored is told.</param>
internal sealed class StoredSubtree(
    IPersistentState<SubtreeSummary> row, SubtreeCache subtree, Grain grain, Action deactivate, IGrainFactory grains, string orgId, Func<string?> parentId, ILogger logger)
{
    /// <summary>How long after it was marked out of date the sum is stored again: long enough for a burst of writes to pass, short enough that a crash leaves little to sum again.</summary>
    internal static readonly TimeSpan StoreAfter = TimeSpan.FromSeconds(5);

    /// <summary>The last write of the row: one at a time, so that marking it out of date waits for a sum being stored, and then marks it again.</summary>
    private Task _rowWrite = Task.CompletedTask;

    private IGrainTimer? _storing;

    /// <summary>Whether the stored row holds a sum, as far as this activation knows; the sum itself is not kept here.</summary>
    private bool _clean;

    /// <summary>A write of the row failed, and may still have committed: the row is marked out of date again before anything below changes.</summary>
    private bool _unsure;

    /// <summary>At activation: a stored sum that is not out of date stands for the children until one of them changes.</summary>
    public void Load()
    {
        if (row.State.Children is not { } children) return;
        subtree.LoadSummary(children);
        _clean = true;
        row.State.Children = null;
    }

    /// <summary>
    /// A write of the organization's own (records, details): the parent holds it before anything is
    /// stored, and <paramref name="newParent"/> too, for a move. Its answers to its parent stay
    /// unsettled while it runs, and for the rest of the activation if it failed, as it may have
    /// stored part of itself.
    /// </summary>
    public async Task<T> OwnWrite<T>(Func<Task<T>> write, string? newParent = null)
    {
        var askParent = subtree.BeginOwnWrite();
        try
        {
            if (askParent) await AskParentToHold();
            if (newParent is not null) await Member(newParent).ChildWillChange(orgId);
        }
        catch
        {
            // Nothing is stored without the holds.
            subtree.EndOwnWrite(failed: false);
            throw;
        }

        var failed = true;
        try
        {
            var result = await write();
            failed = false;
            return result;
        }
        finally
        {
            subtree.EndOwnWrite(failed);
        }
    }

    /// <inheritdoc cref="OwnWrite{T}"/>
    public Task OwnWrite(Func<Task> write, string? newParent) => OwnWrite(async () =>
    {
        await write();
        return true;
    }, newParent);

    /// <summary>Told by a child about to store a change: holds it, has the parent hold this organization, and marks the stored sum out of date, in that order.</summary>
    public async Task ChildWillChange(string childId)
    {
        if (subtree.ChildWillChange(childId)) await AskParentToHold();
        await WriteRow(() => _clean || _unsure, null, () => (_clean, _unsure) = (false, false));
    }

    /// <summary>Stores the children's sum when it is out of date and may be stored now: fresh, nothing held, some child counted.</summary>
    public Task StoreIfSettled() => WriteRow(() => ShouldStore, subtree.ChildrenSum, () => _clean = true);

    /// <summary>
    /// Writes the row with the sum <paramref name="sum"/> makes (none: out of date) when
    /// <paramref name="needed"/>, after any write of it under way, so that a mark never lands
    /// before a sum stored while it was asked for.
    /// </summary>
    private async Task WriteRow(Func<bool> needed, Func<FigureDelta>? sum, Action written)
    {
        while (!_rowWrite.IsCompleted)
        {
            // Its failure is its caller's to report; this write only waits for it to end.
            await _rowWrite.ContinueWith(static _ => { }, TaskScheduler.Current);
        }

        if (!needed()) return;
        row.State.Children = sum?.Invoke();
        var writing = row.WriteOrUndo("storage write subtree summary", () => _unsure = true, deactivate);
        _rowWrite = writing;
        try
        {
            await writing;
            written();
        }
        finally
        {
            // The sum lives in the figures; the row's copy is only for the write.
            row.State.Children = null;
        }
    }

    private bool ShouldStore => !_clean && subtree.HasMembers && subtree.CanStoreSummary;

    /// <summary>After the figures were brought up to date: stores the sum a while later, unless one is stored or there is none to store.</summary>
    public void ScheduleStore()
    {
        if (_storing is not null || _clean || !subtree.HasMembers) return;
        _storing = grain.RegisterGrainTimer(StoreOnTick, new GrainTimerCreationOptions(StoreAfter, StoreAfter) { KeepAlive = false });
    }

    private async Task StoreOnTick()
    {
        try
        {
            await StoreIfSettled();
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Organization {OrgId} could not store the sum of its children; trying again in {Delay}", orgId, StoreAfter);
            return;
        }

        if (!_clean && subtree.HasMembers) return;
        _storing?.Dispose();
        _storing = null;
    }

    /// <summary>Has the parent, if any, hold this organization; the protocol learns it once the parent has.</summary>
    private async Task AskParentToHold()
    {
        if (parentId() is not { } parent) return;
        await Member(parent).ChildWillChange(orgId);
        subtree.ParentHolds();
    }

    private IOrganizationMember Member(string id) => grains.GetGrain<IOrganizationMember>(id);
}
