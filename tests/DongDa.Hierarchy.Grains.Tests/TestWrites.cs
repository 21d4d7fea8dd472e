using DongDa.Hierarchy.Organizations;
using DongDa.Hierarchy.Records;

namespace DongDa.Hierarchy.Grains.Tests;

/// <summary>
/// The grain tests write as the host loads its dataset: as a named test actor, with no
/// authorization state to check (the checks are the HTTP suite's and <see cref="WriteGrantTests"/>').
/// </summary>
public static class TestWrites
{
    public static WriteGrant Grant { get; } = WriteGrant.Stateless("grain-tests");

    public static Task<UpsertOutcome> Upsert(this IOrganizationGrain org, OrgDetails details) => org.Upsert(details, Grant);

    public static Task<RecordWriteOutcome> AddRecord(this IOrganizationGrain org, OrgRecord record) => org.AddRecord(record, Grant);

    public static Task<IReadOnlyList<RecordWriteStatus>> AddRecords(this IOrganizationGrain org, IReadOnlyList<OrgRecord> records) => org.AddRecords(records, Grant);

    public static Task<RecordWriteOutcome> CorrectRecord(this IOrganizationGrain org, OrgRecord record) => org.CorrectRecord(record, Grant);

    public static Task<RecordWriteOutcome> WithdrawRecord(this IOrganizationGrain org, RecordKind kind, string recordId, string reason = "Ghi nhầm") =>
        org.WithdrawRecord(kind, recordId, reason, Grant);
}
