using DongDa.Hierarchy.Metrics;
using DongDa.Hierarchy.Organizations;
using DongDa.Hierarchy.Records;

namespace DongDa.Hierarchy.Grains.Tests;

/// <summary>A write that fails part-way is, after a retry, either wholly there once or wholly absent.</summary>
public abstract class FailedWriteTests(ClusterFixture fixture)
{
    private IOrganizationGrain Org(string id) => fixture.Grains.GetGrain<IOrganizationGrain>(id);

    private static StudySessionRecord Session(string orgId, string recordId, int classes) => TestRecords.Session(orgId, recordId, classes);

    [Theory]
    [InlineData("recordPage", false, RecordWriteStatus.Created)]
    [InlineData("recordPage", true, RecordWriteStatus.Replayed)]
    [InlineData("organization", false, RecordWriteStatus.Replayed)]
    [InlineData("organization", true, RecordWriteStatus.Replayed)]
    public async Task A_retried_write_after_a_storage_failure_is_counted_exactly_once(string failingState, bool afterCommit, RecordWriteStatus retried)
    {
        var p = $"fw-{failingState[0]}{(afterCommit ? "a" : "b")}";
        await Org($"{p}-d").Upsert(TestOrganizations.Details(OrgLevel.District, null));
        await Org($"{p}-g").Upsert(TestOrganizations.Details(OrgLevel.Grassroots, $"{p}-d"));
        await Org($"{p}-g").AddRecord(Session($"{p}-g", "first", classes: 1));
        Assert.Equal(1, (await Org($"{p}-d").Rollup(new Period()))!.Total().Study.Classes);

        fixture.Faults.FailNextWrite(failingState, failingState == "recordPage" ? $"{p}-g/0" : $"{p}-g", afterCommit);
        await Assert.ThrowsAnyAsync<Exception>(() => Org($"{p}-g").AddRecord(Session($"{p}-g", "second", classes: 5)));

        Assert.Equal(retried, (await Org($"{p}-g").AddRecord(Session($"{p}-g", "second", classes: 5))).Status);
        Assert.Equal(6, (await Org($"{p}-d").Rollup(new Period()))!.Total().Study.Classes);
        var listed = await Org($"{p}-g").ListRecords(new RecordQuery { Kind = RecordKind.StudySession, Period = new Period(), Limit = 10 });
        Assert.Equal(["first", "second"], listed!.Items.Select(record => record.RecordId).Order());
    }

    [Fact]
    public async Task A_write_that_stored_its_snapshot_but_not_its_state_is_recovered_with_its_registration()
    {
        // Batches of 128 fold the counters at 512 records; 511 more leave the tail one short of the
        // second fold, which the registration triggers. The state already points at the first
        // snapshot, so a fresh activation reads the second one and finds it ahead of the state.
        const int records = 2 * OwnSummaryCapacity - 1;
        await Org("snapfail-d").Upsert(TestOrganizations.Details(OrgLevel.District, null));
        var history = Enumerable.Range(0, records).Select(i => (OrgRecord)Session("snapfail-d", $"s{i}", classes: 1)).ToList();
        foreach (var batch in history.Chunk(128)) await Org("snapfail-d").AddRecords(batch);
        var registration = new StudyRegistrationRecord { OrgId = "snapfail-d", RecordId = "registration", Date = new DateOnly(2023, 3, 3), Members = 7 };

        fixture.Faults.FailNextWrite("organization", "snapfail-d", afterCommit: false);
        await Assert.ThrowsAnyAsync<Exception>(() => Org("snapfail-d").AddRecord(registration));

        var march = new Period { From = new DateOnly(2023, 3, 1), To = new DateOnly(2023, 3, 31) };
        var recovered = await Org("snapfail-d").Rollup(march);
        Assert.Equal(1, recovered!.Total().Study.RegisteredOrgs);
        Assert.Equal(7, recovered.Total().Study.RegisteredMembers);
        Assert.Equal(records, (await Org("snapfail-d").Rollup(new Period()))!.Total().Study.Classes);

        Assert.Equal(RecordWriteStatus.Replayed, (await Org("snapfail-d").AddRecord(registration)).Status);
        Assert.Equal(7, (await Org("snapfail-d").Rollup(march))!.Total().Study.RegisteredMembers);
    }

    [Fact]
    public async Task A_fresh_activation_counts_what_a_failed_write_left_in_a_page_reading_the_row_and_activating_no_page_otherwise()
    {
        const string p = "fw-row";
        await Org($"{p}-d").Upsert(TestOrganizations.Details(OrgLevel.District, null));
        foreach (var child in new[] { $"{p}-clean", $"{p}-stray" })
        {
            await Org(child).Upsert(TestOrganizations.Details(OrgLevel.Grassroots, $"{p}-d"));
            await Org(child).AddRecord(Session(child, "first", classes: 1));
        }

        // The page is stored, the summary is not, and the activation goes.
        fixture.Faults.FailNextWrite("organization", $"{p}-stray", afterCommit: false);
        await Assert.ThrowsAnyAsync<Exception>(() => Org($"{p}-stray").AddRecord(Session($"{p}-stray", "second", classes: 5)));
        var management = fixture.Grains.GetGrain<IManagementGrain>(0);
        await management.ForceActivationCollection(TimeSpan.Zero);

        // No retry: only the fresh activation's look at its page finds the record.
        Assert.Equal(7, (await Org($"{p}-d").Rollup(new Period()))!.Total().Study.Classes);
        var pages = (await management.GetDetailedGrainStatistics())
            .Select(activation => activation.GrainId)
            .Where(id => id.Type.ToString() == "recordpage" && id.Key.ToString()!.StartsWith(p, StringComparison.Ordinal));
        Assert.Equal([$"{p}-stray/0"], pages.Select(id => id.Key.ToString()));
    }

    private const int OwnSummaryCapacity = DongDa.Hierarchy.Grains.Figures.OwnSummary.SnapshotEvery;

    [Collection(SqliteCluster.Name)]
    public sealed class OnSqlite(SqliteClusterFixture fixture) : FailedWriteTests(fixture);

    [Collection(PostgreSqlCluster.Name)]
    public sealed class OnPostgreSql(PostgreSqlClusterFixture fixture) : FailedWriteTests(fixture);
}
