using DongDa.Hierarchy.Audit;
using DongDa.Hierarchy.Organizations;

namespace DongDa.Hierarchy.Grains.Tests;

/// <summary>
/// Access fails closed at the grain: a write carries who makes it and the state it was authorized
/// against, and one that names nobody, or was authorized against another state, changes nothing.
/// </summary>
public abstract class WriteGrantTests(ClusterFixture fixture)
{
    private IOrganizationGrain Org(string id) => fixture.Grains.GetGrain<IOrganizationGrain>(id);

    private static OrgDetails Details(OrgLevel level, string? parentId) => TestOrganizations.Details(level, parentId);

    [Fact]
    public async Task A_grant_that_names_nobody_moves_nothing_and_the_audit_names_who_a_grant_names()
    {
        await Org("grant-d").Upsert(Details(OrgLevel.District, null));
        await Org("grant-g1").Upsert(Details(OrgLevel.Grassroots, "grant-d"));
        await Org("grant-g2").Upsert(Details(OrgLevel.Grassroots, "grant-d"));
        await Org("grant-c").Upsert(Details(OrgLevel.Cell, "grant-g1"));
        var moveToG2 = Details(OrgLevel.Cell, "grant-g2");

        // Whatever state it was given for, a grant that names nobody is refused.
        Assert.Equal(UpsertStatus.Conflict, (await Org("grant-c").Upsert(moveToG2, WriteGrant.ForExisting("", "grant-g1"))).Status);
        Assert.Equal(UpsertStatus.Conflict, (await Org("grant-c").Upsert(moveToG2, WriteGrant.Stateless(" "))).Status);
        Assert.Equal(["grant-d", "grant-g1", "grant-c"], await Org("grant-c").GetPath());

        Assert.Equal(UpsertStatus.Updated, (await Org("grant-c").Upsert(moveToG2, WriteGrant.ForExisting("admin-a", "grant-g1"))).Status);
        var moved = (await Org("grant-c").ListAudit(new AuditQuery { Period = new Metrics.Period(), Limit = 10 }))!.Items[^1];
        Assert.Equal((AuditAction.Moved, "admin-a"), (moved.Action, moved.Subject));
    }

    [Fact]
    public async Task A_record_written_without_a_name_is_refused_and_one_with_a_name_is_stamped_with_it()
    {
        await Org("grant-r").Upsert(Details(OrgLevel.District, null));

        await Assert.ThrowsAsync<ArgumentException>(() => Org("grant-r").AddRecord(TestRecords.Session("grant-r", "nameless"), WriteGrant.Stateless("")));
        var stored = await Org("grant-r").AddRecord(TestRecords.Session("grant-r", "named"), WriteGrant.Stateless("can-bo-a"));

        Assert.Equal("can-bo-a", stored.Record!.RecordedBy);
        var listed = (await Org("grant-r").ListRecords(new Records.RecordQuery { Kind = Records.RecordKind.StudySession, Period = new Metrics.Period(), Limit = 10 }))!;
        Assert.Equal(["named"], listed.Items.Select(record => record.RecordId));
    }

    [Collection(SqliteCluster.Name)]
    public sealed class OnSqlite(SqliteClusterFixture fixture) : WriteGrantTests(fixture);

    [Collection(PostgreSqlCluster.Name)]
    public sealed class OnPostgreSql(PostgreSqlClusterFixture fixture) : WriteGrantTests(fixture);
}
