using DongDa.Hierarchy.Figures;
using DongDa.Hierarchy.Metrics;
using DongDa.Hierarchy.Organizations;
using DongDa.Hierarchy.Records;
using Orleans.Concurrency;

namespace DongDa.Hierarchy;

/// <summary>
/// One party organization, keyed by its id, as its clients see it: it holds its own identity and
/// records and answers rollups of its subtree on demand. What organizations ask of one another is
/// <see cref="IOrganizationMember"/>.
/// </summary>
/// <remarks>
/// Scheduling rule that keeps the hierarchy free of deadlocks: calls that change state only ever
/// go from an organization to its (old or new) parent, while calls to children only read and are
/// <see cref="AlwaysInterleaveAttribute"/>, so a parent busy with a rollup never waits on a child
/// that is itself waiting on that parent.
/// </remarks>
[Alias("dongda.IOrganizationGrain")]
public interface IOrganizationGrain : IGrainWithStringKey
{
    /// <summary>
    /// Creates the organization or updates it; a changed parent moves the whole subtree. Refused
    /// (conflict) when the organization is no longer in the state <paramref name="grant"/> was given for.
    /// </summary>
    [Alias("Upsert")]
    Task<UpsertOutcome> Upsert(OrgDetails details, WriteGrant grant);

    /// <summary>The organization, or null when it does not exist.</summary>
    [Alias("GetSnapshot")]
    [AlwaysInterleave]
    Task<OrgSnapshot?> GetSnapshot();

    /// <summary>Ids from the root down to this organization, or null when it does not exist.</summary>
    [Alias("GetPath")]
    [AlwaysInterleave]
    Task<IReadOnlyList<string>?> GetPath();

    /// <summary>
    /// The organization, its path and the children that name it as their parent, ordered by name,
    /// or null when it does not exist. Served from what the organization keeps of its children, and
    /// consistent as <see cref="Rollup"/> is: a child moving meanwhile is listed under exactly one parent.
    /// </summary>
    [Alias("GetFamily")]
    [AlwaysInterleave]
    Task<OrgFamily?> GetFamily();

    /// <summary>
    /// The organizations of this subtree whose name (without diacritics, in any case) or id holds
    /// every word of <paramref name="query"/>, higher levels first, then by name; at most
    /// <paramref name="limit"/>. Null when this organization does not exist.
    /// </summary>
    [Alias("Search")]
    [AlwaysInterleave]
    Task<IReadOnlyList<OrgMatch>?> Search(string query, int limit);

    /// <summary>Stores a record idempotently: a known id with the same content is a replay, with other content a conflict.</summary>
    [Alias("AddRecord")]
    Task<RecordWriteOutcome> AddRecord(OrgRecord record, WriteGrant grant);

    /// <summary>Stores many records at once (dataset loading, imports); each behaves as <see cref="AddRecord"/>.</summary>
    [Alias("AddRecords")]
    Task<IReadOnlyList<RecordWriteStatus>> AddRecords(IReadOnlyList<OrgRecord> records, WriteGrant grant);

    /// <summary>
    /// What <see cref="AddRecords"/> would answer for each record, storing nothing: created, a
    /// replay, or a conflict; so that an import refuses a whole file before storing any of it.
    /// </summary>
    [Alias("CheckRecords")]
    Task<IReadOnlyList<RecordWriteStatus>> CheckRecords(IReadOnlyList<OrgRecord> records);

    /// <summary>
    /// Replaces the fields of the record of that kind under <paramref name="record"/>'s id by
    /// storing its next revision: <see cref="RecordWriteStatus.Corrected"/>, or
    /// <see cref="RecordWriteStatus.Unchanged"/> when it already reads so; not found, or a conflict
    /// when it is withdrawn. Every figure that counted it follows before the answer.
    /// </summary>
    [Alias("CorrectRecord")]
    Task<RecordWriteOutcome> CorrectRecord(OrgRecord record, WriteGrant grant);

    /// <summary>
    /// Withdraws the record of <paramref name="kind"/> under <paramref name="recordId"/> for
    /// <paramref name="reason"/>: it counts in no figure from then on. Withdrawing it again is
    /// <see cref="RecordWriteStatus.Unchanged"/>.
    /// </summary>
    [Alias("WithdrawRecord")]
    Task<RecordWriteOutcome> WithdrawRecord(RecordKind kind, string recordId, string reason, WriteGrant grant);

    /// <summary>
    /// The audit trail of this organization: its own changes and its records, with who wrote them
    /// and when, oldest first. Null when the organization does not exist.
    /// </summary>
    [Alias("ListAudit")]
    Task<Audit.AuditPage?> ListAudit(Audit.AuditQuery query);

    /// <summary>One page of this organization's own records of one kind.</summary>
    [Alias("ListRecords")]
    Task<RecordPage?> ListRecords(RecordQuery query);

    /// <summary>
    /// The figures of this organization and everything below it for <paramref name="period"/>, or
    /// null when it does not exist. Consistent: a subtree moving meanwhile is counted exactly once.
    /// </summary>
    [Alias("Rollup")]
    [AlwaysInterleave]
    Task<SubtreeRollup?> Rollup(Period period);

    /// <summary>The consistent rollup of this organization and of each of its children, or null when it does not exist.</summary>
    [Alias("Drilldown")]
    [AlwaysInterleave]
    Task<SubtreeDrilldown?> Drilldown(Period period);

    /// <summary>
    /// <see cref="Rollup"/> with the stamp of the state it was read from, and without the rollup when
    /// that stamp is <paramref name="seen"/>: the caller's copy is still the answer.
    /// </summary>
    [Alias("RollupUnlessSeen")]
    [AlwaysInterleave]
    Task<StampedRollup?> RollupUnlessSeen(Period period, AnswerStamp seen);

    /// <summary><see cref="Drilldown"/> with its stamp, and without the drill-down when that stamp is <paramref name="seen"/>.</summary>
    [Alias("DrilldownUnlessSeen")]
    [AlwaysInterleave]
    Task<StampedDrilldown?> DrilldownUnlessSeen(Period period, AnswerStamp seen);

    /// <summary>
    /// The total figures of this organization and everything below it for each of
    /// <paramref name="periods"/> (a series, such as month by month: bounded, ascending, not
    /// overlapping), or null when it does not exist. Consistent as <see cref="Rollup"/> is, with
    /// every period read from one state.
    /// </summary>
    [Alias("Series")]
    [AlwaysInterleave]
    Task<SubtreeSeries?> Series(IReadOnlyList<Period> periods);
}
