using DongDa.Hierarchy.Metrics;
using DongDa.Hierarchy.Organizations;
using DongDa.Hierarchy.Records;
using Microsoft.Extensions.Logging;

namespace DongDa.Hierarchy.Grains;

/// <summary>
/// One party organization. Its rollups are computed on demand by asking its children, which
/// never call back up while answering; state changes only call the parent (see <see cref="IOrganizationGrain"/>).
/// </summary>
public sealed class OrganizationGrain(
    [PersistentState("organization", StorageNames.Hierarchy)] IPersistentState<OrganizationState> state,
    TimeProvider clock,
    ILogger<OrganizationGrain> logger) : Grain, IOrganizationGrain
{
    private readonly Dictionary<string, OrgRecord> _recordsById = new(StringComparer.Ordinal);

    private string Id => this.GetPrimaryKeyString();

    private OrgDetails? Details => state.State.Details;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var record in state.State.Records)
        {
            _recordsById[record.RecordId] = record;
        }

        return Task.CompletedTask;
    }

    public async Task<UpsertOutcome> Upsert(OrgDetails details)
    {
        var current = Details;
        if (current == details)
        {
            return new UpsertOutcome { Status = UpsertStatus.Updated, Organization = Snapshot() };
        }

        if (await CheckHierarchy(details, current) is { } refusal)
        {
            return refusal;
        }

        state.State.Details = details;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.Details = current;
            throw;
        }

        if (current?.ParentId is { } oldParentId && oldParentId != details.ParentId)
        {
            await DetachFromOldParent(oldParentId);
        }

        return new UpsertOutcome
        {
            Status = current is null ? UpsertStatus.Created : UpsertStatus.Updated,
            Organization = Snapshot(),
        };
    }

    /// <summary>
    /// Validates the new details against the hierarchy and, when the organization joins a parent,
    /// attaches it there first: until this organization's own state names the new parent, the new
    /// parent ignores the link, so the subtree is counted under exactly one parent at every moment.
    /// </summary>
    private async Task<UpsertOutcome?> CheckHierarchy(OrgDetails details, OrgDetails? current)
    {
        if (OrgLevelRules.IsRootLevel(details.Level) != details.ParentId is null)
        {
            return UpsertOutcome.Refused(UpsertStatus.Conflict, "parentId",
                "Only a district has no parent, and a district cannot have one.");
        }

        if (details.ParentId == Id)
        {
            return UpsertOutcome.Refused(UpsertStatus.Conflict, "parentId", "An organization cannot be its own parent.");
        }

        if (current is not null && current.Level != details.Level)
        {
            var children = await CurrentChildren();
            if (children.FirstOrDefault(child => !OrgLevelRules.MayContain(details.Level, child.Details.Level)) is { } blocking)
            {
                return UpsertOutcome.Refused(UpsertStatus.Conflict, "level",
                    $"Level '{details.Level}' cannot contain child '{blocking.Id}' at level '{blocking.Details.Level}'.");
            }
        }

        if (details.ParentId is not { } parentId)
        {
            return null;
        }

        var parentChanged = current?.ParentId != parentId;
        if (!parentChanged && current!.Level == details.Level)
        {
            return null;
        }

        var parent = GrainFactory.GetGrain<IOrganizationGrain>(parentId);
        if (parentChanged)
        {
            var parentPath = await parent.GetPath();
            if (parentPath is null)
            {
                return UpsertOutcome.Refused(UpsertStatus.UnknownParent, "parentId", $"No organization '{parentId}' exists.");
            }

            if (parentPath.Contains(Id))
            {
                return UpsertOutcome.Refused(UpsertStatus.Conflict, "parentId",
                    $"'{parentId}' lies below '{Id}'; the move would make a cycle.");
            }
        }

        // The parent re-checks the level order itself, so that a concurrent change of the parent's
        // level cannot slip between this check and the attach.
        if (!await parent.AttachChild(Id, details.Level))
        {
            return UpsertOutcome.Refused(UpsertStatus.Conflict, "parentId",
                $"'{parentId}' cannot contain an organization at level '{details.Level}'.");
        }

        return null;
    }

    private async Task DetachFromOldParent(string oldParentId)
    {
        try
        {
            await GrainFactory.GetGrain<IOrganizationGrain>(oldParentId).DetachChild(Id);
        }
        catch (Exception exception)
        {
            // The move is already durable; the old parent ignores a child that names another parent.
            logger.LogWarning(exception, "Organization {OrgId} moved but could not detach from {OldParentId}", Id, oldParentId);
        }
    }

    public Task<OrgSnapshot?> GetSnapshot() => Task.FromResult(Details is null ? null : Snapshot());

    public async Task<IReadOnlyList<string>?> GetPath()
    {
        if (Details is null) return null;
        if (Details.ParentId is not { } parentId) return [Id];
        var parentPath = await GrainFactory.GetGrain<IOrganizationGrain>(parentId).GetPath() ?? [];
        return [.. parentPath, Id];
    }

    public async Task<IReadOnlyList<OrgSnapshot>?> GetChildren()
    {
        if (Details is null) return null;
        var children = await CurrentChildren();
        children.Sort(OrgNameOrder.Instance);
        return children;
    }

    private async Task<List<OrgSnapshot>> CurrentChildren()
    {
        var snapshots = await BoundedFanOut.Run(state.State.ChildIds.ToArray(),
            childId => GrainFactory.GetGrain<IOrganizationGrain>(childId).GetSnapshot());
        return snapshots.Where(IsCurrentChild).Select(snapshot => snapshot!).ToList();
    }

    private bool IsCurrentChild(OrgSnapshot? child) => child?.Details.ParentId == Id;

    public async Task<RecordWriteOutcome> AddRecord(OrgRecord record)
    {
        if (Details is null) return new RecordWriteOutcome { Status = RecordWriteStatus.UnknownOrganization };
        var (status, stored) = Stage(record);
        if (status == RecordWriteStatus.Created)
        {
            await PersistStaged([stored]);
        }

        return new RecordWriteOutcome { Status = status, Record = stored };
    }

    public async Task<IReadOnlyList<RecordWriteStatus>> AddRecords(IReadOnlyList<OrgRecord> records)
    {
        if (Details is null) return records.Select(_ => RecordWriteStatus.UnknownOrganization).ToList();
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

    /// <summary>Adds a record to memory unless its id is taken; the caller persists what was staged.</summary>
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
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // An unacknowledged record must not linger in memory and show up in later answers.
            foreach (var record in staged)
            {
                _recordsById.Remove(record.RecordId);
                state.State.Records.Remove(record);
            }

            throw;
        }
    }

    public Task<RecordPage?> ListRecords(RecordQuery query)
    {
        if (Details is null) return Task.FromResult<RecordPage?>(null);
        var matching = state.State.Records
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

    public async Task<SubtreeRollup?> Rollup(Period period)
    {
        if (Details is null) return null;
        var (rollup, _) = await ComputeRollup(period);
        return rollup;
    }

    public async Task<SubtreeDrilldown?> Drilldown(Period period)
    {
        if (Details is null) return null;
        var (rollup, children) = await ComputeRollup(period);
        children.Sort((x, y) => OrgNameOrder.Instance.Compare(x.Org, y.Org));
        return new SubtreeDrilldown { Node = rollup, Children = children };
    }

    private async Task<(SubtreeRollup Rollup, List<SubtreeRollup> Children)> ComputeRollup(Period period)
    {
        var details = Details!;
        var snapshot = Snapshot();
        var own = OwnFigures.Compute(state.State.Records, period);
        var rollup = new SubtreeRollup { Org = snapshot, Own = own };
        rollup.Orgs.Count(details.Level);
        rollup.ByConductorLevel.For(details.Level).Add(own);

        var childRollups = await BoundedFanOut.Run(snapshot.ChildIds,
            childId => GrainFactory.GetGrain<IOrganizationGrain>(childId).Rollup(period));
        var children = childRollups.Where(child => IsCurrentChild(child?.Org)).Select(child => child!).ToList();
        foreach (var child in children)
        {
            rollup.Include(child);
        }

        return (rollup, children);
    }

    public async Task<bool> AttachChild(string childId, OrgLevel childLevel)
    {
        if (Details is null || !OrgLevelRules.MayContain(Details.Level, childLevel)) return false;
        if (state.State.ChildIds.Contains(childId)) return true;
        state.State.ChildIds.Add(childId);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.ChildIds.Remove(childId);
            throw;
        }

        return true;
    }

    public async Task DetachChild(string childId)
    {
        var index = state.State.ChildIds.IndexOf(childId);
        if (index < 0) return;
        state.State.ChildIds.RemoveAt(index);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.ChildIds.Insert(index, childId);
            throw;
        }
    }

    private OrgSnapshot Snapshot() => new() { Id = Id, Details = Details!, ChildIds = state.State.ChildIds.ToArray() };
}
