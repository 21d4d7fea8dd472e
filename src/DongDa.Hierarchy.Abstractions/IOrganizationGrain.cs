using DongDa.Hierarchy.Metrics;
using DongDa.Hierarchy.Organizations;
using DongDa.Hierarchy.Records;
using Orleans.Concurrency;

namespace DongDa.Hierarchy;

/// <summary>
/// One party organization, keyed by its id. It holds its own identity and records and answers
/// rollups of its subtree on demand.
/// </summary>
/// <remarks>
/// Scheduling rule that keeps the hierarchy free of deadlocks: calls that change state only ever
/// go from an organization to its (old or new) parent, while calls to children only read and are
/// <see cref="AlwaysInterleaveAttribute"/>, so a parent busy with a rollup never waits on a child
/// that is itself waiting on that parent.
/// </remarks>
public interface IOrganizationGrain : IGrainWithStringKey
{
    /// <summary>Creates the organization or updates it; a changed parent moves the whole subtree.</summary>
    Task<UpsertOutcome> Upsert(OrgDetails details);

    /// <summary>The organization, or null when it does not exist.</summary>
    [AlwaysInterleave]
    Task<OrgSnapshot?> GetSnapshot();

    /// <summary>Ids from the root down to this organization, or null when it does not exist.</summary>
    [AlwaysInterleave]
    Task<IReadOnlyList<string>?> GetPath();

    /// <summary>The children that currently name this organization as their parent, ordered by name.</summary>
    [AlwaysInterleave]
    Task<IReadOnlyList<OrgSnapshot>?> GetChildren();

    /// <summary>Stores a record idempotently: a known id with the same content is a replay, with other content a conflict.</summary>
    Task<RecordWriteOutcome> AddRecord(OrgRecord record);

    /// <summary>Stores many records at once (used by dataset loading); each behaves as <see cref="AddRecord"/>.</summary>
    Task<IReadOnlyList<RecordWriteStatus>> AddRecords(IReadOnlyList<OrgRecord> records);

    /// <summary>One page of this organization's own records of one kind.</summary>
    [AlwaysInterleave]
    Task<RecordPage?> ListRecords(RecordQuery query);

    /// <summary>
    /// The figures of this organization and everything below it for <paramref name="period"/>, or
    /// null when it does not exist. Consistent: a subtree moving meanwhile is counted exactly once.
    /// </summary>
    [AlwaysInterleave]
    Task<SubtreeRollup?> Rollup(Period period);

    /// <summary>The consistent rollup of this organization and of each of its children, or null when it does not exist.</summary>
    [AlwaysInterleave]
    Task<SubtreeDrilldown?> Drilldown(Period period);

    /// <summary>
    /// One step of a rollup: this organization's figures plus those of its children, asked the same
    /// way. Parents call it on children; clients call <see cref="Rollup"/>, which guards against moves.
    /// </summary>
    [AlwaysInterleave]
    Task<SubtreeRollup?> RollupSubtree(Period period);

    /// <summary>
    /// Called by a child joining this organization. Refused (false) when this organization does not
    /// exist or may not contain a child of <paramref name="childLevel"/>.
    /// </summary>
    Task<bool> AttachChild(string childId, OrgLevel childLevel);

    /// <summary>
    /// Forgets the link to a child that has moved away or no longer exists. The child is asked
    /// first: a link is kept while the child names this organization, now or in an update in progress.
    /// </summary>
    Task DetachChild(string childId);
}
