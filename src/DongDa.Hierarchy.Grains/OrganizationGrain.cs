using System.Collections.Frozen;
using DongDa.Hierarchy.Audit;
using DongDa.Hierarchy.Figures;
using DongDa.Hierarchy.Grains.Figures;
using DongDa.Hierarchy.Metrics;
using DongDa.Hierarchy.Organizations;
using DongDa.Hierarchy.Records;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace DongDa.Hierarchy.Grains;

/// <summary>
/// One party organization. It keeps the figures of its subtree in memory and brings them up to date
/// on demand: a change anywhere below marks the path up to the root, and the next rollup asks only
/// the marked children for what changed since they last answered. Calls to children only read and
/// interleave; calls that change state go to the parent only (see <see cref="IOrganizationGrain"/>).
/// Readers see only what is stored. After a read that found it settled, it publishes its stamp to
/// the silo's <see cref="SettledAnswers"/>, and withdraws it before any call that may change it.
/// </summary>
[GrainType("organization")]
public sealed class OrganizationGrain(
    [PersistentState("organization", StorageNames.Hierarchy)] IPersistentState<OrganizationState> state,
    [PersistentState("subtree", StorageNames.Hierarchy)] IPersistentState<SubtreeSummary> summary,
    TimeProvider clock,
    SiloLosses losses,
    GrainReferences<IStructureGuardGrain> guards,
    SettledAnswers settled,
    [FromKeyedServices(StorageNames.Hierarchy)] IGrainStorage storage,
    ILogger<OrganizationGrain> logger) : Grain, IOrganizationGrain, IOrganizationMember, IStructureGuardGrain, IIncomingGrainCallFilter
{
    /// <summary>
    /// The calls that change nothing a read answers, or change it only on the way to a fresh answer,
    /// which a read then publishes: reads, the path, the guard's version. Every other call, a new one
    /// too, withdraws the published stamp before it runs.
    /// </summary>
    private static readonly FrozenSet<string> AnswerPreserving = FrozenSet.Create(StringComparer.Ordinal,
        nameof(GetSnapshot), nameof(GetPath), nameof(GetFamily), nameof(Search), nameof(SearchBelow), nameof(Rollup), nameof(RollupUnlessSeen),
        nameof(Drilldown), nameof(DrilldownUnlessSeen), nameof(RollupSubtree), nameof(Series), nameof(Current));

    /// <summary>The stored details; null while the organization does not exist.</summary>
    private OrgDetails? _details;

    /// <summary>The details an update in progress is applying.</summary>
    private OrgDetails? _pending;

    // The organization's collaborators, made at activation, once its id and grain factory are known.
    private SubtreeCache _subtree = null!;
    private StoredSubtree _stored = null!;
    private OwnRecordLog _log = null!;
    private ChildLinks _children = null!;
    private ParentNotifier _parent = null!;
    private DetailsLog _detailsLog = null!;

    // Made when first needed: an activation that is only asked for its snapshot or takes a write
    // uses none of them, and each holds the delegates it is given.
    private MoveGuardedReads? _reads;
    private StructureChanges? _structure;
    private SubtreeSearch? _search;
    private SubtreeAnswers? _answers;

    private MoveGuardedReads Reads => _reads ??= new MoveGuardedReads(guards, Id, GetPath, GuardVersion);

    private StructureChanges Structure => _structure ??= new StructureChanges(GrainFactory, Id, GetPath, () => _children.Ids, _parent, logger);

    private SubtreeSearch Searching => _search ??= new SubtreeSearch(GrainFactory, () => _children.Ids);

    private SubtreeAnswers Answers => _answers ??= new SubtreeAnswers(_subtree, GrainFactory, Id, Snapshot, () => _log.Figures, StateStamp);

    /// <summary>The stamp of the state as it stands, without the guard's part.</summary>
    private AnswerStamp StateStamp() => new(_activation, _ownChanges, _subtree.Version, default, default);

    /// <summary>Names this activation in its answers' stamps.</summary>
    private readonly Guid _activation = Guid.NewGuid();

    /// <summary>
    /// The calls running that may change what a read answers: while any runs, no stamp is published,
    /// so that a read ending while such a call waits on storage cannot publish the state before it.
    /// The holds already keep a changing child's parent unsettled, and a write of its own keeps the
    /// organization so; this holds for every call, those to come too.
    /// </summary>
    private int _changing;

    private bool _deactivating;

    /// <summary>Counts the changes to the organization's own state, for its answers' stamps: twice per stored write (before and after) and per update begun or ended.</summary>
    private long _ownChanges;

    private (long Changes, OrgSnapshot Snapshot)? _snapshot;

    /// <summary>The moves under this organization while it is a root; made when first asked, as only roots are.</summary>
    private MoveGuard? _moves;

    private MoveGuard Moves => _moves ??= new MoveGuard(clock, _activation, DelayDeactivation);

    private string Id => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _detailsLog = new DetailsLog(state, Id, clock, Persist);
        _details = _detailsLog.Stored;
        _children = new ChildLinks(state, GrainFactory, Id, this.AsReference<IOrganizationMember>(), Persist);
        _subtree = new SubtreeCache(losses, GrainFactory, Id, () => _children.Ids,
            () => _log.Figures.AddAll(new FigureDeltaBuilder(), _details!.Level).Build(), _children.ForgetStale, () => _stored.ScheduleStore());
        _stored = new StoredSubtree(summary, _subtree, this, DeactivateOnIdle, GrainFactory, Id, () => _details?.ParentId, logger);
        _log = new OwnRecordLog(state, GrainFactory, Id, Persist, _subtree.Absorb, clock, () => _parent.TellParent(), WriteFailed);
        _parent = new ParentNotifier(this, GrainFactory, Id, () => _details?.ParentId, logger);
        await _log.LoadSummary();
        // Its own rows only: the snapshot grain counts the snapshot's row when it activates.
        HierarchyTelemetry.RecordRowsLoaded("organization", (state.RecordExists ? 1 : 0) + (summary.RecordExists ? 1 : 0));

        // Records a crash left stored but not summed join the figures before any rollup is answered.
        if (_details is not null && await _log.HasUnsummarized(storage) && await _log.SumUnsummarized(_details.Level))
        {
            await _parent.TellParentBestEffort("summed records a crash left behind");
        }

        // After the own figures are complete, as the stored sum is the children's only.
        _stored.Load();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _deactivating = true;
        settled.Withdraw(Id, _activation);
        if (_moves is not null) settled.WithdrawGuard(_activation);
        try
        {
            await _stored.StoreIfSettled();
        }
        catch (Exception exception)
        {
            // Only a cold rollup's speed depends on it: the sum stays marked out of date, and is summed from the children then.
            logger.LogWarning(exception, "Organization {OrgId} could not store the sum of its children as it was deactivated", Id);
        }
    }

    public async Task<UpsertOutcome> Upsert(OrgDetails details, WriteGrant grant)
    {
        if (!grant.Allows(_details))
        {
            return UpsertOutcome.Refused(UpsertStatus.Conflict, "parentId", "The organization changed after the request was authorized; read it again and retry.");
        }

        if (_details == details)
        {
            // A retry of an update whose notifications failed repeats them; otherwise they cost nothing.
            await _parent.TellFormerParents();
            await _parent.TellParent();
            return new UpsertOutcome { Status = UpsertStatus.Updated, Organization = Snapshot() };
        }

        _pending = details;
        _ownChanges++;
        try
        {
            var current = _details;
            return await Structure.Apply(details, current, () => _stored.OwnWrite(
                () => Store(details, current, grant.Actor), newParent: details.ParentId != current?.ParentId ? details.ParentId : null)) ?? new UpsertOutcome
            {
                Status = current is null ? UpsertStatus.Created : UpsertStatus.Updated,
                Organization = Snapshot(),
            };
        }
        finally
        {
            _pending = null;
            _ownChanges++;
        }
    }

    /// <summary>Stores new details, then makes every figure that depends on them follow.</summary>
    private async Task Store(OrgDetails details, OrgDetails? current, string actor)
    {
        await _detailsLog.Store(current, details, actor);
        _details = details;
        _ownChanges++;

        // The organization's own records now count under its new level.
        if (current is not null && current.Level != details.Level) _subtree.Absorb(_log.Figures.Relevel(current.Level, details.Level));

        if (current?.ParentId != details.ParentId)
        {
            _parent.Reopen();
            _subtree.ForgetParent();
        }

        await _parent.TellParent();
    }

    public Task<OrgSnapshot?> GetSnapshot() => Task.FromResult(_details is null ? null : Snapshot());

    public async Task<IReadOnlyList<string>?> GetPath() => _details switch
    {
        null => null,
        { ParentId: { } parentId } => [.. await GrainFactory.GetGrain<IOrganizationGrain>(parentId).GetPath() ?? [], Id],
        _ => [Id],
    };

    public async Task<OrgFamily?> GetFamily() => (await Consistent(async path =>
    {
        await Answers.Freshen(withChildren: true);
        return ValueTuple.Create(new OrgFamily { Org = Snapshot(), Path = path, Children = _subtree.ChildrenByName });
    }))?.Item1;

    public async Task<IReadOnlyList<OrgMatch>?> Search(string query, int limit) =>
        _details is null ? null : await Searching.Find(Snapshot(), query, limit);

    public async Task<IReadOnlyList<OrgMatch>> SearchBelow(string parentId, IReadOnlyList<string> pathToParent, string foldedQuery) =>
        _details?.ParentId == parentId ? await Searching.Matches(Snapshot(), pathToParent, foldedQuery) : [];

    public async Task<RecordWriteOutcome> AddRecord(OrgRecord record, WriteGrant grant)
    {
        if (_details is null) return Unknown;
        var level = _details.Level;
        var (status, stored) = (await _stored.OwnWrite(() => _log.Write([record], grant, level)))[0];
        return new RecordWriteOutcome { Status = status, Record = stored };
    }

    public async Task<IReadOnlyList<RecordWriteStatus>> AddRecords(IReadOnlyList<OrgRecord> records, WriteGrant grant) => _details is null
        ? records.Select(_ => RecordWriteStatus.UnknownOrganization).ToList()
        : (await _stored.OwnWrite(() => _log.Write(records, grant, _details.Level))).Select(result => result.Status).ToList();

    public async Task<IReadOnlyList<RecordWriteStatus>> CheckRecords(IReadOnlyList<OrgRecord> records) => _details is null
        ? [.. records.Select(_ => RecordWriteStatus.UnknownOrganization)]
        : await _log.Check(records, _details.Level);

    public async Task<RecordWriteOutcome> CorrectRecord(OrgRecord record, WriteGrant grant) => _details is null ? Unknown
        : await _stored.OwnWrite(() => _log.Revise(record.Kind, record.RecordId, current => current.HasSameContentAs(record) ? null : record, grant, _details.Level));

    public async Task<RecordWriteOutcome> WithdrawRecord(RecordKind kind, string recordId, string reason, WriteGrant grant) => _details is null ? Unknown
        : await _stored.OwnWrite(() => _log.Revise(kind, recordId, current => current with { WithdrawnReason = reason }, grant, _details.Level));

    private static RecordWriteOutcome Unknown => new() { Status = RecordWriteStatus.UnknownOrganization };

    /// <summary>After a write failed part-way: a fresh activation loads what was stored, and the parent's next rollup asks for it.</summary>
    private Task WriteFailed()
    {
        DeactivateOnIdle();
        return _parent.TellParentBestEffort("failed a write part-way");
    }

    private async Task Persist(Action rollback)
    {
        _ownChanges++;
        try
        {
            await state.WriteOrUndo("storage write organization", rollback, DeactivateOnIdle);
        }
        finally
        {
            _ownChanges++;
        }
    }

    public Task<AuditPage?> ListAudit(AuditQuery query) => WithRecords(() => _detailsLog.Page(_log.Log, query));

    public Task<RecordPage?> ListRecords(RecordQuery query) => WithRecords(() => _log.List(query));

    /// <summary>A read of the loaded records; null when the organization does not exist.</summary>
    private async Task<T?> WithRecords<T>(Func<T> read) where T : class
    {
        if (_details is null) return null;
        await _log.Load(_details.Level);
        return read();
    }

    public async Task<SubtreeRollup?> Rollup(Period period) => (await Read("metrics", period, withChildren: false, seen: null))?.Rollup;

    public async Task<StampedRollup?> RollupUnlessSeen(Period period, AnswerStamp seen) =>
        await Read("metrics", period, withChildren: false, seen) is { } read ? new StampedRollup { Stamp = read.Stamp, Rollup = read.Rollup } : null;

    public async Task<SubtreeDrilldown?> Drilldown(Period period) =>
        await Read("drilldown", period, withChildren: true, seen: null) is { } read ? ToDrilldown(read) : null;

    public async Task<StampedDrilldown?> DrilldownUnlessSeen(Period period, AnswerStamp seen) =>
        await Read("drilldown", period, withChildren: true, seen) is { } read
            ? new StampedDrilldown { Stamp = read.Stamp, Drilldown = read.Rollup is null ? null : ToDrilldown(read) }
            : null;

    private static SubtreeDrilldown ToDrilldown(SubtreeRead read)
    {
        read.Children.Sort((x, y) => OrgNameOrder.Instance.Compare(x.Org, y.Org));
        return new SubtreeDrilldown { Node = read.Rollup!, Children = read.Children };
    }

    public async Task<SubtreeRollup?> RollupSubtree(Period period) => _details is null ? null : (await Answers.Rollup(period)).Rollup;

    public async Task<SubtreeSeries?> Series(IReadOnlyList<Period> periods) =>
        await Measured("series", () => Answers.Series(periods), result => result.Known) is { } result ? new SubtreeSeries { Totals = result.Totals } : null;

    /// <summary>
    /// A consistent rollup (a drill-down with <paramref name="withChildren"/>), timed and counted as
    /// a rollup of <paramref name="kind"/>, with the stamp of the state it was read from; its rollup
    /// is null when that stamp is <paramref name="seen"/>. Null when the organization does not exist.
    /// </summary>
    private async Task<SubtreeRead?> Read(string kind, Period period, bool withChildren, AnswerStamp? seen)
    {
        using var measured = HierarchyTelemetry.StartRollup(kind);
        while (true)
        {
            if (_details is null || await Reads.Read(_ => Answers.WithChildren(period, withChildren, seen)) is not { } guarded) return null;
            var (read, still) = guarded;
            var stamp = read.Stamp with { Guard = still.Instance, GuardEpoch = still.Epoch };
            // The state was the one seen, but the structure around it moved: the caller's copy may show an old path.
            if (read.Rollup is null && stamp != seen)
            {
                seen = null;
                continue;
            }

            measured.Served(read.Known);
            PublishIfSettled(stamp);
            return read with { Stamp = stamp };
        }
    }

    /// <summary>
    /// Publishes the stamp a read now answers "unchanged" to, when every change stored below is in
    /// the figures and no call that may change them runs; the guard's part is the one the read was
    /// still under, which the host checks against the root's.
    /// </summary>
    private void PublishIfSettled(AnswerStamp read)
    {
        var losses = settled.Losses;
        if (_changing > 0 || _deactivating || _pending is not null || !_subtree.IsSettled) return;
        settled.Publish(Id, StateStamp() with { Guard = read.Guard, GuardEpoch = read.GuardEpoch }, losses);
    }

    public Task Invoke(IIncomingGrainCallContext context) =>
        AnswerPreserving.Contains(context.MethodName) ? context.Invoke() : Changing(context);

    private async Task Changing(IIncomingGrainCallContext context)
    {
        _changing++;
        settled.Withdraw(Id, _activation);
        try
        {
            await context.Invoke();
        }
        finally
        {
            _changing--;
        }
    }

    /// <summary>A consistent answer, timed and counted as a rollup of <paramref name="kind"/>.</summary>
    private async Task<T?> Measured<T>(string kind, Func<Task<T>> read, Func<T, bool> known) where T : struct
    {
        using var measured = HierarchyTelemetry.StartRollup(kind);
        if (await Consistent(_ => read()) is not { } result) return null;
        measured.Served(known(result));
        return result;
    }

    /// <summary>An answer no move overlapped (see <see cref="MoveGuardedReads"/>); null when the organization does not exist.</summary>
    private async Task<T?> Consistent<T>(Func<IReadOnlyList<string>, Task<T>> read) where T : struct =>
        _details is not null && await Reads.Read(read) is { } guarded ? guarded.Answer : null;

    public async Task<SubtreeChanges> GetChanges(string parentId, Guid knownInstance, long knownVersion)
    {
        if (_details?.ParentId != parentId) return new SubtreeChanges { Member = false };

        // Changes from here on are told to the parent again, because this answer may not carry them.
        _parent.Reopen();
        await _subtree.EnsureFresh();
        return _details?.ParentId == parentId ? _subtree.ChangesFor(knownInstance, knownVersion) with { Org = Snapshot() } : new SubtreeChanges { Member = false };
    }

    public Task ChildWillChange(string childId) => _stored.ChildWillChange(childId);

    public Task<StructureVersion> Current() => Task.FromResult(GuardVersion());

    public Task Begin(Guid moveId)
    {
        Moves.Begin(moveId);
        GuardVersion();
        return Task.CompletedTask;
    }

    public Task End(Guid moveId)
    {
        Moves.End(moveId);
        GuardVersion();
        return Task.CompletedTask;
    }

    /// <summary>The root's count of moves under it, published as it is read, so that the host checks kept answers against it.</summary>
    private StructureVersion GuardVersion()
    {
        var version = Moves.Current();
        settled.PublishGuard(version);
        return version;
    }

    public async Task ChildChanged(string childId)
    {
        if (_details is null) return;
        _subtree.MarkChanged(childId);
        await _parent.TellParent();
    }

    public async Task<bool> AttachChild(string childId, OrgLevel childLevel)
    {
        if (_details is null || !OrgLevelRules.MayContain(_details.Level, childLevel)) return false;
        await _children.Attach(childId);
        return true;
    }

    public async Task DetachChild(string childId)
    {
        if (!await _children.Detach(childId)) return;
        // The next rollup finds the child gone and sums again without it.
        _subtree.MarkChanged(childId);
        await _parent.TellParent();
    }

    /// <summary>The organization as it stands: made again only after a change to its own state, as every answer carries it.</summary>
    private OrgSnapshot Snapshot()
    {
        if (_snapshot is { } kept && kept.Changes == _ownChanges) return kept.Snapshot;
        var snapshot = new OrgSnapshot { Id = Id, Details = _details!, ChildIds = [.. _children.Ids], Pending = _pending };
        _snapshot = (_ownChanges, snapshot);
        return snapshot;
    }
}
