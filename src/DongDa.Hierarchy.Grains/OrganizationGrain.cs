using DongDa.Hierarchy.Metrics;
using DongDa.Hierarchy.Organizations;
using DongDa.Hierarchy.Records;
using Microsoft.Extensions.Logging;

namespace DongDa.Hierarchy.Grains;

/// <summary>
/// One party organization. Its rollups are computed on demand by asking its children, which
/// never call back up while answering; state changes only call the parent (see <see cref="IOrganizationGrain"/>).
/// Readers see only what is durable: details and records become visible once they are stored.
/// </summary>
public sealed class OrganizationGrain(
    [PersistentState("organization", StorageNames.Hierarchy)] IPersistentState<OrganizationState> state,
    TimeProvider clock,
    ILogger<OrganizationGrain> logger) : Grain, IOrganizationGrain
{
    /// <summary>How often a rollup is tried again while moves keep overlapping it, before answering "busy".</summary>
    private const int ConsistentRollupAttempts = 40;

    private readonly Dictionary<string, OrgRecord> _recordsById = new(StringComparer.Ordinal);

    /// <summary>The stored details; null while the organization does not exist.</summary>
    private OrgDetails? _details;

    /// <summary>The details an update in progress is applying.</summary>
    private OrgDetails? _pending;

    /// <summary>The first this many records are stored; any after them are being written and stay invisible.</summary>
    private int _storedRecords;

    private string Id => this.GetPrimaryKeyString();

    private IOrganizationGrain Org(string id) => GrainFactory.GetGrain<IOrganizationGrain>(id);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _details = state.State.Details;
        _storedRecords = state.State.Records.Count;
        foreach (var record in state.State.Records)
        {
            _recordsById[record.RecordId] = record;
        }

        return Task.CompletedTask;
    }

    public async Task<UpsertOutcome> Upsert(OrgDetails details)
    {
        if (_details == details)
        {
            return new UpsertOutcome { Status = UpsertStatus.Updated, Organization = Snapshot() };
        }

        _pending = details;
        try
        {
            return await Apply(details, _details);
        }
        finally
        {
            _pending = null;
        }
    }

    private async Task<UpsertOutcome> Apply(OrgDetails details, OrgDetails? current)
    {
        if (OrgLevelRules.IsRootLevel(details.Level) != details.ParentId is null)
        {
            return UpsertOutcome.Refused(UpsertStatus.Conflict, "parentId", "Only a district has no parent, and a district cannot have one.");
        }

        if (details.ParentId == Id)
        {
            return UpsertOutcome.Refused(UpsertStatus.Conflict, "parentId", "An organization cannot be its own parent.");
        }

        if (current is not null && current.Level != details.Level && await ChildBlockingLevel(details.Level) is { } blocking)
        {
            return UpsertOutcome.Refused(UpsertStatus.Conflict, "level",
                $"Level '{details.Level}' cannot contain child '{blocking.Id}' at level '{blocking.Details.Level}'.");
        }

        var parentChanged = current?.ParentId != details.ParentId;
        var levelChanged = current?.Level != details.Level;
        if (details.ParentId is not { } parentId || !(parentChanged || levelChanged))
        {
            await Store(details, current);
            if (parentChanged && current?.ParentId is { } formerParentId) await DetachFrom(formerParentId);
            return Stored(current);
        }

        var parent = Org(parentId);
        var parentSnapshot = await parent.GetSnapshot();
        if (parentSnapshot is null)
        {
            return UpsertOutcome.Refused(UpsertStatus.UnknownParent, "parentId", $"No organization '{parentId}' exists.");
        }

        // Checked here first so that an impossible move never calls the parent, which may itself be
        // busy moving under this organization; the parent checks again when the child attaches.
        if (!OrgLevelRules.MayContain(parentSnapshot.Details.Level, details.Level))
        {
            return UpsertOutcome.Refused(UpsertStatus.Conflict, "parentId",
                $"'{parentId}' at level '{parentSnapshot.Details.Level}' cannot contain an organization at level '{details.Level}'.");
        }

        var parentPath = await parent.GetPath() ?? [parentId];
        if (parentPath.Contains(Id))
        {
            return UpsertOutcome.Refused(UpsertStatus.Conflict, "parentId", $"'{parentId}' lies below '{Id}'; the move would make a cycle.");
        }

        var isMove = current?.ParentId is not null && parentChanged;
        var guards = isMove ? await GuardsFor(parentPath[0]) : [];
        var moveId = Guid.NewGuid();
        foreach (var guard in guards) await guard.Begin(moveId);
        try
        {
            // Attach first: until this organization's stored state names the new parent, the new
            // parent ignores the link, so the subtree is counted under exactly one parent throughout.
            if (!await parent.AttachChild(Id, details.Level))
            {
                return UpsertOutcome.Refused(UpsertStatus.Conflict, "parentId",
                    $"'{parentId}' cannot contain an organization at level '{details.Level}'.");
            }

            await Store(details, current);
            if (isMove) await DetachFrom(current!.ParentId!);
            return Stored(current);
        }
        finally
        {
            foreach (var guard in guards) await guard.End(moveId);
        }
    }

    private UpsertOutcome Stored(OrgDetails? previous) => new()
    {
        Status = previous is null ? UpsertStatus.Created : UpsertStatus.Updated,
        Organization = Snapshot(),
    };

    /// <summary>The guards of the roots this organization leaves and joins.</summary>
    private async Task<IStructureGuardGrain[]> GuardsFor(string newRootId)
    {
        var oldRootId = (await GetPath())![0];
        return new[] { oldRootId, newRootId }.Distinct().Select(rootId => GrainFactory.GetGrain<IStructureGuardGrain>(rootId)).ToArray();
    }

    private async Task<OrgSnapshot?> ChildBlockingLevel(OrgLevel newLevel)
    {
        var children = await BoundedFanOut.Run(state.State.ChildIds.ToArray(), childId => Org(childId).GetSnapshot());
        return children.FirstOrDefault(child => child is not null && child.BelongsTo(Id)
            && (!OrgLevelRules.MayContain(newLevel, child.Details.Level)
                || (child.Pending is { } pending && !OrgLevelRules.MayContain(newLevel, pending.Level))));
    }

    private async Task Store(OrgDetails details, OrgDetails? current)
    {
        state.State.Details = details;
        await Persist(rollback: () => state.State.Details = current);
        _details = details;
    }

    private async Task DetachFrom(string oldParentId)
    {
        try
        {
            await Org(oldParentId).DetachChild(Id);
        }
        catch (Exception exception)
        {
            // The move is already stored; the old parent ignores a child that names another parent.
            logger.LogWarning(exception, "Organization {OrgId} moved but could not detach from {OldParentId}", Id, oldParentId);
        }
    }

    public Task<OrgSnapshot?> GetSnapshot() => Task.FromResult(_details is null ? null : Snapshot());

    public async Task<IReadOnlyList<string>?> GetPath()
    {
        if (_details is null) return null;
        if (_details.ParentId is not { } parentId) return [Id];
        var parentPath = await Org(parentId).GetPath() ?? [];
        return [.. parentPath, Id];
    }

    public async Task<IReadOnlyList<OrgSnapshot>?> GetChildren()
    {
        if (_details is null) return null;
        var childIds = state.State.ChildIds.ToArray();
        var snapshots = await BoundedFanOut.Run(childIds, childId => Org(childId).GetSnapshot());
        var children = snapshots.Where(IsCountedChild).Select(child => child!).ToList();
        ForgetStaleLinks(snapshots.Select((child, index) => (child, childIds[index])));
        children.Sort(OrgNameOrder.Instance);
        return children;
    }

    /// <summary>A child is counted here only while its stored state names this organization.</summary>
    private bool IsCountedChild(OrgSnapshot? child) => child?.Details.ParentId == Id;

    /// <summary>
    /// Links to children that no longer belong here (an interrupted move, a lost detach) are dropped
    /// in the background; <see cref="DetachChild"/> asks the child again before forgetting it.
    /// </summary>
    private void ForgetStaleLinks(IEnumerable<(OrgSnapshot? Child, string ChildId)> children)
    {
        foreach (var (child, childId) in children)
        {
            if (child is null || !child.BelongsTo(Id))
            {
                this.AsReference<IOrganizationGrain>().DetachChild(childId).Ignore();
            }
        }
    }

    public async Task<RecordWriteOutcome> AddRecord(OrgRecord record)
    {
        if (_details is null) return new RecordWriteOutcome { Status = RecordWriteStatus.UnknownOrganization };
        var (status, stored) = Stage(record);
        if (status == RecordWriteStatus.Created)
        {
            await PersistStaged([stored]);
        }

        return new RecordWriteOutcome { Status = status, Record = stored };
    }

    public async Task<IReadOnlyList<RecordWriteStatus>> AddRecords(IReadOnlyList<OrgRecord> records)
    {
        if (_details is null) return records.Select(_ => RecordWriteStatus.UnknownOrganization).ToList();
        var statuses = new List<RecordWriteStatus>(records.Count);
        var staged = new List<OrgRecord>();
        foreach (var record in records)
        {
            var (status, stored) = Stage(record);
            statuses.Add(status);
            if (status == RecordWriteStatus.Created) staged.Add(stored);
        }

        if (staged.Count > 0)
        {
            await PersistStaged(staged);
        }

        return statuses;
    }

    /// <summary>Adds a record to the state unless its id is taken; it stays invisible until <see cref="PersistStaged"/> stores it.</summary>
    private (RecordWriteStatus Status, OrgRecord Stored) Stage(OrgRecord record)
    {
        var incoming = record with { OrgId = Id, RecordedAt = default };
        if (_recordsById.TryGetValue(incoming.RecordId, out var existing))
        {
            return (existing.HasSameContentAs(incoming) ? RecordWriteStatus.Replayed : RecordWriteStatus.Conflict, existing);
        }

        var stored = incoming with { RecordedAt = clock.GetUtcNow() };
        _recordsById[stored.RecordId] = stored;
        state.State.Records.Add(stored);
        return (RecordWriteStatus.Created, stored);
    }

    private async Task PersistStaged(IReadOnlyCollection<OrgRecord> staged)
    {
        await Persist(rollback: () =>
        {
            foreach (var record in staged)
            {
                _recordsById.Remove(record.RecordId);
                state.State.Records.Remove(record);
            }
        });
        _storedRecords = state.State.Records.Count;
    }

    /// <summary>
    /// Writes the state; on failure undoes the change in memory and lets the activation go, because a
    /// write that timed out may still have committed, and only a fresh read can tell.
    /// </summary>
    private async Task Persist(Action rollback)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            rollback();
            DeactivateOnIdle();
            throw;
        }
    }

    private IEnumerable<OrgRecord> StoredRecords => state.State.Records.Take(_storedRecords);

    public Task<RecordPage?> ListRecords(RecordQuery query)
    {
        if (_details is null) return Task.FromResult<RecordPage?>(null);
        var matching = StoredRecords
            .Where(record => record.Kind == query.Kind && query.Period.Contains(record.Date) && IsAfter(record, query.After))
            .OrderBy(record => record.Date)
            .ThenBy(record => record.RecordId, StringComparer.Ordinal)
            .Take(query.Limit + 1)
            .ToList();
        var hasMore = matching.Count > query.Limit;
        var items = hasMore ? matching[..query.Limit] : matching;
        var next = hasMore ? new RecordPosition { Date = items[^1].Date, RecordId = items[^1].RecordId } : null;
        return Task.FromResult<RecordPage?>(new RecordPage { Items = items, Next = next });
    }

    private static bool IsAfter(OrgRecord record, RecordPosition? position) =>
        position is null
        || record.Date > position.Date
        || (record.Date == position.Date && string.CompareOrdinal(record.RecordId, position.RecordId) > 0);

    public async Task<SubtreeRollup?> Rollup(Period period) => (await ConsistentRollup(period))?.Rollup;

    public async Task<SubtreeDrilldown?> Drilldown(Period period)
    {
        if (await ConsistentRollup(period) is not { } result) return null;
        var (rollup, children) = result;
        children.Sort((x, y) => OrgNameOrder.Instance.Compare(x.Org, y.Org));
        return new SubtreeDrilldown { Node = rollup, Children = children };
    }

    public async Task<SubtreeRollup?> RollupSubtree(Period period) =>
        _details is null ? null : (await ComputeRollup(period)).Rollup;

    /// <summary>
    /// Sums the subtree while no move runs under this organization's root; a move that overlapped
    /// the sum (the root's guard changed) may have been seen under two parents or none, so the sum
    /// is done again.
    /// </summary>
    private async Task<(SubtreeRollup Rollup, List<SubtreeRollup> Children)?> ConsistentRollup(Period period)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await GetPath() is not { } path) return null;
            var guard = GrainFactory.GetGrain<IStructureGuardGrain>(path[0]);
            var before = await guard.Current();
            if (before.IsStill)
            {
                var result = await ComputeRollup(period);
                if (await guard.Current() == before) return result;
            }

            if (attempt == ConsistentRollupAttempts)
            {
                throw new TimeoutException($"The hierarchy under '{path[0]}' kept changing during {attempt} attempts to sum '{Id}'.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5 * attempt, 100)));
        }
    }

    private async Task<(SubtreeRollup Rollup, List<SubtreeRollup> Children)> ComputeRollup(Period period)
    {
        var details = _details!;
        var snapshot = Snapshot();
        var own = OwnFigures.Compute(StoredRecords, period);
        var rollup = new SubtreeRollup { Org = snapshot, Own = own };
        rollup.Orgs.Count(details.Level);
        rollup.ByConductorLevel.For(details.Level).Add(own);

        var childRollups = await BoundedFanOut.Run(snapshot.ChildIds, childId => Org(childId).RollupSubtree(period));
        var children = childRollups.Where(child => IsCountedChild(child?.Org)).Select(child => child!).ToList();
        foreach (var child in children)
        {
            rollup.Include(child);
        }

        ForgetStaleLinks(childRollups.Select((child, index) => (child?.Org, snapshot.ChildIds[index])));
        return (rollup, children);
    }

    public async Task<bool> AttachChild(string childId, OrgLevel childLevel)
    {
        if (_details is null || !OrgLevelRules.MayContain(_details.Level, childLevel)) return false;
        // Kept in id order, so that every answer lists children the same way.
        var index = state.State.ChildIds.BinarySearch(childId, StringComparer.Ordinal);
        if (index >= 0) return true;
        state.State.ChildIds.Insert(~index, childId);
        await Persist(rollback: () => state.State.ChildIds.Remove(childId));
        return true;
    }

    public async Task DetachChild(string childId)
    {
        if (!state.State.ChildIds.Contains(childId)) return;
        var child = await Org(childId).GetSnapshot();
        if (child is not null && child.BelongsTo(Id)) return;
        var index = state.State.ChildIds.IndexOf(childId);
        if (index < 0) return;
        state.State.ChildIds.RemoveAt(index);
        await Persist(rollback: () => state.State.ChildIds.Insert(index, childId));
    }

    private OrgSnapshot Snapshot() => new() { Id = Id, Details = _details!, ChildIds = state.State.ChildIds.ToArray(), Pending = _pending };
}
