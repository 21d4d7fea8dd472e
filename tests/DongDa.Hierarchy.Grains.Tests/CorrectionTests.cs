using DongDa.Hierarchy.Metrics;
using DongDa.Hierarchy.Organizations;
using DongDa.Hierarchy.Records;

namespace DongDa.Hierarchy.Grains.Tests;

/// <summary>
/// A correction or withdrawal subtracts what the record added and adds what it now says, at the
/// organization and every ancestor, before it is acknowledged; one a crash interrupted is counted
/// once when the organization comes back.
/// </summary>
public abstract class CorrectionTests(ClusterFixture fixture)
{
    private IOrganizationGrain Org(string id) => fixture.Grains.GetGrain<IOrganizationGrain>(id);

    private static readonly Period Whole = new();

    private async Task Tree(string p)
    {
        await Org($"{p}-d").Upsert(TestOrganizations.Details(OrgLevel.District, null));
        await Org($"{p}-g").Upsert(TestOrganizations.Details(OrgLevel.Grassroots, $"{p}-d"));
        await Org($"{p}-c").Upsert(TestOrganizations.Details(OrgLevel.Cell, $"{p}-g"));
    }

    private async Task<MetricSet> District(string p, Period? period = null) => (await Org($"{p}-d").Rollup(period ?? Whole))!.Total();

    private static Period Month(int year, int month) => new() { From = new DateOnly(year, month, 1), To = new DateOnly(year, month, 1).AddMonths(1).AddDays(-1) };

    [Fact]
    public async Task A_correction_replaces_what_the_record_counted_and_a_withdrawal_removes_it_at_every_ancestor()
    {
        await Tree("fix1");
        await Org("fix1-c").AddRecord(TestRecords.Session("fix1-c", "s1", classes: 2, attendees: 30));
        await Org("fix1-c").AddRecord(TestRecords.Session("fix1-c", "s2", classes: 1, attendees: 5));
        Assert.Equal(3, (await District("fix1")).Study.Classes);

        var corrected = await Org("fix1-c").CorrectRecord(TestRecords.Session("fix1-c", "s1", classes: 4, attendees: 31, date: new DateOnly(2022, 2, 2)));
        Assert.Equal(RecordWriteStatus.Corrected, corrected.Status);
        Assert.Equal(1, corrected.Record!.Revision);
        Assert.Equal((5, 36), ((await District("fix1")).Study.Classes, (await District("fix1")).Study.Attendees));
        Assert.Equal(5, (await District("fix1", Month(2021, 6))).Study.Attendees);
        Assert.Equal(4, (await District("fix1", Month(2022, 2))).Study.Classes);
        Assert.Equal(4, (await Org("fix1-g").Rollup(Month(2022, 2)))!.Total().Study.Classes);

        Assert.Equal(RecordWriteStatus.Unchanged, (await Org("fix1-c").CorrectRecord(TestRecords.Session("fix1-c", "s1", classes: 4, attendees: 31, date: new DateOnly(2022, 2, 2)))).Status);
        Assert.Equal(RecordWriteStatus.Withdrawn, (await Org("fix1-c").WithdrawRecord(RecordKind.StudySession, "s1")).Status);
        Assert.Equal(RecordWriteStatus.Unchanged, (await Org("fix1-c").WithdrawRecord(RecordKind.StudySession, "s1")).Status);
        Assert.Equal((1, 5), ((await District("fix1")).Study.Classes, (await District("fix1")).Study.Attendees));

        // A withdrawn record keeps its id: it takes no correction and no new record.
        Assert.Equal(RecordWriteStatus.Conflict, (await Org("fix1-c").CorrectRecord(TestRecords.Session("fix1-c", "s1", classes: 9))).Status);
        Assert.Equal(RecordWriteStatus.Conflict, (await Org("fix1-c").AddRecord(TestRecords.Session("fix1-c", "s1", classes: 4, attendees: 31, date: new DateOnly(2022, 2, 2)))).Status);
        Assert.Equal(RecordWriteStatus.NotFound, (await Org("fix1-c").CorrectRecord(TestRecords.Session("fix1-c", "nobody"))).Status);
        Assert.Equal(RecordWriteStatus.NotFound, (await Org("fix1-c").WithdrawRecord(RecordKind.Inspection, "s2")).Status);

        var listed = await Org("fix1-c").ListRecords(new RecordQuery { Kind = RecordKind.StudySession, Period = Whole, Limit = 10 });
        Assert.Equal(["s2"], listed!.Items.Select(record => record.RecordId));
        var all = await Org("fix1-c").ListRecords(new RecordQuery { Kind = RecordKind.StudySession, Period = Whole, Limit = 10, IncludeWithdrawn = true });
        Assert.Equal([("s1", true), ("s2", false)], all!.Items.Select(record => (record.RecordId, record.IsWithdrawn)).Order());
    }

    /// <summary>An organization counts as registered while one registration that counts falls in the period, however many it had.</summary>
    [Fact]
    public async Task Registered_organizations_follow_withdrawn_and_moved_registrations()
    {
        await Tree("fix2");
        StudyRegistrationRecord Registration(string id, DateOnly date, int members = 3) => new() { OrgId = "fix2-c", RecordId = id, Date = date, Members = members };
        var march = new DateOnly(2021, 3, 10);
        await Org("fix2-c").AddRecord(Registration("a", march));
        await Org("fix2-c").AddRecord(Registration("b", march));
        Assert.Equal(1, (await District("fix2", Month(2021, 3))).Study.RegisteredOrgs);

        await Org("fix2-c").WithdrawRecord(RecordKind.StudyRegistration, "a");
        Assert.Equal((1, 3L), ((await District("fix2", Month(2021, 3))).Study.RegisteredOrgs, (await District("fix2", Month(2021, 3))).Study.RegisteredMembers));

        await Org("fix2-c").CorrectRecord(Registration("b", new DateOnly(2021, 5, 5)));
        Assert.Equal(0, (await District("fix2", Month(2021, 3))).Study.RegisteredOrgs);
        Assert.Equal(1, (await District("fix2", Month(2021, 5))).Study.RegisteredOrgs);
        Assert.Equal(1, (await District("fix2")).Study.RegisteredOrgs);

        await Org("fix2-c").WithdrawRecord(RecordKind.StudyRegistration, "b");
        Assert.Equal((0, 0L), ((await District("fix2")).Study.RegisteredOrgs, (await District("fix2")).Study.RegisteredMembers));
    }

    /// <summary>
    /// The correction's page is stored and the organization's summary is not (the process died, or
    /// storage failed, in between): the next read finds the revision beyond the summary and counts
    /// it once, subtracting what it replaced; the correction sent again changes nothing.
    /// </summary>
    [Theory]
    [InlineData("organization", false)]
    [InlineData("organization", true)]
    [InlineData("recordPage", false)]
    public async Task A_correction_interrupted_between_its_page_and_the_summary_is_counted_once(string failingState, bool afterCommit)
    {
        var p = $"fix3{failingState[0]}{(afterCommit ? "a" : "b")}";
        await Tree(p);
        await Org($"{p}-c").AddRecord(TestRecords.Session($"{p}-c", "s1", classes: 2));
        Assert.Equal(2, (await District(p)).Study.Classes);

        fixture.Faults.FailNextWrite(failingState, failingState == "recordPage" ? $"{p}-c/0" : $"{p}-c", afterCommit);
        await Assert.ThrowsAnyAsync<Exception>(() => Org($"{p}-c").CorrectRecord(TestRecords.Session($"{p}-c", "s1", classes: 7)));

        var storedPage = failingState == "organization";
        Assert.Equal(storedPage ? 7 : 2, (await District(p)).Study.Classes);
        var again = await Org($"{p}-c").CorrectRecord(TestRecords.Session($"{p}-c", "s1", classes: 7));
        Assert.Equal(storedPage ? RecordWriteStatus.Unchanged : RecordWriteStatus.Corrected, again.Status);
        Assert.Equal(7, (await District(p)).Study.Classes);
        Assert.Equal(7, (await Org($"{p}-g").Rollup(Whole))!.Total().Study.Classes);
    }

    [Collection(SqliteCluster.Name)]
    public sealed class OnSqlite(SqliteClusterFixture fixture) : CorrectionTests(fixture);

    [Collection(PostgreSqlCluster.Name)]
    public sealed class OnPostgreSql(PostgreSqlClusterFixture fixture) : CorrectionTests(fixture);
}
