using DongDa.Hierarchy.Organizations;

namespace DongDa.Hierarchy.Grains.Tests;

public abstract class HierarchyRulesTests(ClusterFixture fixture)
{
    private IOrganizationGrain Org(string id) => fixture.Grains.GetGrain<IOrganizationGrain>(id);

    private static OrgDetails Details(OrgLevel level, string? parentId) => TestOrganizations.Details(level, parentId);

    /// <summary>The grain itself refuses details that are wrong on their face, whoever calls it, not only the HTTP layer.</summary>
    [Fact]
    public async Task An_organization_as_its_own_parent_or_a_root_below_the_district_is_invalid_and_nothing_is_stored()
    {
        var ownParent = await Org("self-c").Upsert(Details(OrgLevel.Cell, "self-c"));
        var cellAsRoot = await Org("self-r").Upsert(Details(OrgLevel.Cell, null));
        var districtBelow = await Org("self-x").Upsert(Details(OrgLevel.District, "self-c"));

        Assert.All([ownParent, cellAsRoot, districtBelow], outcome =>
        {
            Assert.Equal(UpsertStatus.Invalid, outcome.Status);
            Assert.Equal("parentId", outcome.Field);
        });
        Assert.Null(await Org("self-c").GetPath());
        Assert.Null(await Org("self-r").GetPath());
    }

    [Fact]
    public async Task A_move_under_its_own_descendant_is_refused_and_changes_nothing()
    {
        Assert.Equal(UpsertStatus.Created, (await Org("rules-d").Upsert(Details(OrgLevel.District, null))).Status);
        Assert.Equal(UpsertStatus.Created, (await Org("rules-g").Upsert(Details(OrgLevel.Grassroots, "rules-d"))).Status);
        Assert.Equal(UpsertStatus.Created, (await Org("rules-p").Upsert(Details(OrgLevel.Partial, "rules-g"))).Status);

        var outcome = await Org("rules-g").Upsert(Details(OrgLevel.Grassroots, "rules-p"));

        Assert.Equal(UpsertStatus.Conflict, outcome.Status);
        Assert.Equal(["rules-d", "rules-g"], await Org("rules-g").GetPath());
        Assert.Equal(["rules-p"], (await Org("rules-g").GetFamily())!.Children.Select(child => child.Id));
    }

    [Fact]
    public async Task A_write_authorized_against_another_state_than_the_current_one_is_refused_and_changes_nothing()
    {
        await Org("auth-d").Upsert(Details(OrgLevel.District, null));
        await Org("auth-a").Upsert(Details(OrgLevel.Grassroots, "auth-d"));
        await Org("auth-b").Upsert(Details(OrgLevel.Grassroots, "auth-d"));
        await Org("auth-c").Upsert(Details(OrgLevel.Cell, "auth-a"));

        // Authorized as a creation, but it exists: another admin created it meanwhile.
        Assert.Equal(UpsertStatus.Conflict, (await Org("auth-c").Upsert(Details(OrgLevel.Cell, "auth-b"), WriteGrant.ForNew("admin-a"))).Status);
        // Authorized as an update under auth-b, but someone moved it meanwhile.
        Assert.Equal(UpsertStatus.Conflict, (await Org("auth-c").Upsert(Details(OrgLevel.Cell, "auth-a"), WriteGrant.ForExisting("admin-a", "auth-b"))).Status);
        Assert.Equal(["auth-d", "auth-a", "auth-c"], await Org("auth-c").GetPath());

        Assert.Equal(UpsertStatus.Updated, (await Org("auth-c").Upsert(Details(OrgLevel.Cell, "auth-b"), WriteGrant.ForExisting("admin-a", "auth-a"))).Status);
        Assert.Equal(["auth-d", "auth-b", "auth-c"], await Org("auth-c").GetPath());
    }

    [Fact]
    public async Task A_level_change_that_would_sit_above_or_below_its_neighbours_is_refused()
    {
        await Org("lvl-d").Upsert(Details(OrgLevel.District, null));
        await Org("lvl-g").Upsert(Details(OrgLevel.Grassroots, "lvl-d"));
        await Org("lvl-c").Upsert(Details(OrgLevel.Cell, "lvl-g"));

        Assert.Equal(UpsertStatus.Conflict, (await Org("lvl-g").Upsert(Details(OrgLevel.Cell, "lvl-d"))).Status);
        Assert.Equal(UpsertStatus.Conflict, (await Org("lvl-c").Upsert(Details(OrgLevel.Grassroots, "lvl-g"))).Status);
        Assert.Equal(UpsertStatus.Conflict, (await Org("lvl-x").Upsert(Details(OrgLevel.Cell, "lvl-c"))).Status);
        Assert.Null(await Org("lvl-x").GetSnapshot());
        Assert.Equal(OrgLevel.Grassroots, (await Org("lvl-g").GetSnapshot())!.Details.Level);

        Assert.Equal(UpsertStatus.Updated, (await Org("lvl-c").Upsert(Details(OrgLevel.Partial, "lvl-g"))).Status);
    }

    [Fact]
    public async Task An_unknown_parent_is_reported_and_nothing_is_created()
    {
        var outcome = await Org("orphan-c").Upsert(Details(OrgLevel.Cell, "no-such-parent"));

        Assert.Equal(UpsertStatus.UnknownParent, outcome.Status);
        Assert.Null(await Org("orphan-c").GetSnapshot());
    }

    [Fact]
    public async Task A_very_wide_organization_rolls_up_every_child_well_inside_the_response_timeout()
    {
        const int cells = 1200;
        await Org("wide-d").Upsert(Details(OrgLevel.District, null));
        await Org("wide-g").Upsert(Details(OrgLevel.Grassroots, "wide-d"));
        await Parallel.ForEachAsync(Enumerable.Range(0, cells), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (index, _) =>
        {
            var id = $"wide-c{index}";
            Assert.Equal(UpsertStatus.Created, (await Org(id).Upsert(Details(OrgLevel.Cell, "wide-g"))).Status);
            await Org(id).AddRecord(TestRecords.Session(id, "s"));
        });

        var rollup = await Org("wide-d").Rollup(new Metrics.Period());

        Assert.Equal(cells + 2, rollup!.Orgs.Total);
        Assert.Equal(cells, rollup.Total().Study.Classes);
        Assert.Equal(cells * 10, rollup.ByConductorLevel.Cell.Study.Attendees);
    }

    [Fact]
    public async Task Concurrent_moves_and_root_rollups_all_complete_without_deadlock()
    {
        var random = new RandomHierarchy(21, "deadlock");
        var model = random.BuildForest(districts: 2, maxGrassroots: 6, maxCells: 5);
        var driver = new HierarchyDriver(fixture.Grains, model);
        await driver.CreateAll();
        var roots = model.Orgs.Where(pair => pair.Value.ParentId is null).Select(pair => pair.Key).ToArray();
        var grassroots = model.Orgs.Where(pair => pair.Value.Level == OrgLevel.Grassroots).Select(pair => pair.Key).ToArray();

        // Moves call parents while rollups fan out to children: both directions at once, many times.
        var moves = Enumerable.Range(0, 30).Select(step =>
            driver.Org(grassroots[step % grassroots.Length]).Upsert(model.Orgs[grassroots[step % grassroots.Length]] with { ParentId = roots[step % 2] }));
        var rollups = Enumerable.Range(0, 60).Select(step => driver.Org(roots[step % 2]).Rollup(new Metrics.Period()));
        var all = Task.WhenAll(Task.WhenAll(moves), Task.WhenAll(rollups));

        await all;
        var counts = (await driver.Org(roots[0]).Rollup(new Metrics.Period()))!.Orgs.Total + (await driver.Org(roots[1]).Rollup(new Metrics.Period()))!.Orgs.Total;
        Assert.Equal(model.Orgs.Count, counts);
    }

    [Fact]
    public async Task Two_organizations_moving_under_each_other_at_once_do_not_wait_on_each_other()
    {
        await Org("mutual-d").Upsert(Details(OrgLevel.District, null));
        await Org("mutual-g1").Upsert(Details(OrgLevel.Grassroots, "mutual-d"));
        await Org("mutual-g2").Upsert(Details(OrgLevel.Grassroots, "mutual-d"));
        await Org("mutual-p").Upsert(Details(OrgLevel.Partial, "mutual-g1"));

        // Each call would attach to the other, which is busy with its own update; the level check
        // refuses the impossible one before it calls anybody, so neither waits for the call timeout.
        var intoPartial = Org("mutual-g2").Upsert(Details(OrgLevel.Grassroots, "mutual-p"));
        var intoGrassroots = Org("mutual-p").Upsert(Details(OrgLevel.Partial, "mutual-g2"));
        var outcomes = await Task.WhenAll(intoPartial, intoGrassroots).WaitAsync(TimeSpan.FromSeconds(25));

        Assert.Equal(UpsertStatus.Conflict, outcomes[0].Status);
        Assert.Equal(UpsertStatus.Updated, outcomes[1].Status);
        Assert.Equal(["mutual-d", "mutual-g2", "mutual-p"], await Org("mutual-p").GetPath());
    }

    [Fact]
    public async Task Root_rollups_running_during_moves_count_the_moving_subtree_exactly_once()
    {
        await Org("flux-d").Upsert(Details(OrgLevel.District, null));
        await Org("flux-g1").Upsert(Details(OrgLevel.Grassroots, "flux-d"));
        await Org("flux-g2").Upsert(Details(OrgLevel.Grassroots, "flux-d"));
        await Org("flux-p").Upsert(Details(OrgLevel.Partial, "flux-g1"));
        for (var cell = 0; cell < 5; cell++)
        {
            var id = $"flux-c{cell}";
            await Org(id).Upsert(Details(OrgLevel.Cell, "flux-p"));
            await Org(id).AddRecord(TestRecords.Session(id, "s", attendees: 100));
        }

        using var stop = new CancellationTokenSource();
        var moves = Task.Run(async () =>
        {
            for (var move = 0; move < 30; move++)
            {
                var outcome = await Org("flux-p").Upsert(Details(OrgLevel.Partial, move % 2 == 0 ? "flux-g2" : "flux-g1"));
                Assert.Equal(UpsertStatus.Updated, outcome.Status);
                await Task.Delay(10);
            }
        });
        var totals = new List<(long Orgs, long Attendees)>();
        while (!moves.IsCompleted)
        {
            var rollups = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Org("flux-d").Rollup(new Metrics.Period())));
            totals.AddRange(rollups.Select(rollup => (rollup!.Orgs.Total, rollup.Total().Study.Attendees)));
        }

        await moves;
        Assert.True(totals.Count > 20, $"only {totals.Count} rollups overlapped the moves");
        Assert.All(totals, total => Assert.Equal((9L, 500L), total));
    }

    [Fact]
    public async Task A_parent_lists_a_child_as_it_stands_once_a_move_or_a_rename_is_acknowledged()
    {
        await Org("list-d").Upsert(Details(OrgLevel.District, null));
        await Org("list-g1").Upsert(Details(OrgLevel.Grassroots, "list-d"));
        await Org("list-g2").Upsert(Details(OrgLevel.Grassroots, "list-d"));
        await Org("list-p").Upsert(Details(OrgLevel.Partial, "list-g1"));
        // Both parents have summed their children once, so what follows is served from what they keep.
        Assert.Equal(["list-p"], (await Org("list-g1").GetFamily())!.Children.Select(child => child.Id));
        Assert.Empty((await Org("list-g2").GetFamily())!.Children);

        for (var move = 1; move <= 6; move++)
        {
            var (to, from) = move % 2 == 1 ? ("list-g2", "list-g1") : ("list-g1", "list-g2");
            var name = $"Chi bộ {move}";
            Assert.Equal(UpsertStatus.Updated, (await Org("list-p").Upsert(Details(OrgLevel.Partial, to) with { Name = name })).Status);

            var joined = (await Org(to).GetFamily())!;
            Assert.Equal([("list-p", name, to)], joined.Children.Select(child => (child.Id, child.Details.Name, child.Details.ParentId)));
            Assert.Equal(["list-d", to], joined.Path);
            Assert.Empty((await Org(from).GetFamily())!.Children);
        }

        Assert.Equal(UpsertStatus.Updated, (await Org("list-p").Upsert(Details(OrgLevel.Partial, "list-g1") with { Name = "Đảng bộ bộ phận", MemberCount = 41 })).Status);
        var renamed = Assert.Single((await Org("list-g1").GetFamily())!.Children);
        Assert.Equal(("Đảng bộ bộ phận", 41), (renamed.Details.Name, renamed.Details.MemberCount));
    }

    [Fact]
    public async Task A_link_left_by_an_interrupted_move_is_ignored_and_then_forgotten()
    {
        await Org("stale-d").Upsert(Details(OrgLevel.District, null));
        await Org("stale-g1").Upsert(Details(OrgLevel.Grassroots, "stale-d"));
        await Org("stale-g2").Upsert(Details(OrgLevel.Grassroots, "stale-d"));
        await Org("stale-c").Upsert(Details(OrgLevel.Cell, "stale-g1"));

        // What a move that attached to the new parent and then died leaves behind.
        Assert.True(await fixture.Grains.GetGrain<IOrganizationMember>("stale-g2").AttachChild("stale-c", OrgLevel.Cell));

        Assert.Equal(3, (await Org("stale-g2").Rollup(new Metrics.Period()))!.Orgs.Total + (await Org("stale-g1").Rollup(new Metrics.Period()))!.Orgs.Total);
        Assert.Empty((await Org("stale-g2").GetFamily())!.Children);
        for (var poll = 0; poll < 100 && (await Org("stale-g2").GetSnapshot())!.ChildIds.Count > 0; poll++) await Task.Delay(20);
        Assert.Empty((await Org("stale-g2").GetSnapshot())!.ChildIds);
        Assert.Equal(["stale-c"], (await Org("stale-g1").GetSnapshot())!.ChildIds);
    }

    [Collection(SqliteCluster.Name)]
    public sealed class OnSqlite(SqliteClusterFixture fixture) : HierarchyRulesTests(fixture);

    [Collection(PostgreSqlCluster.Name)]
    public sealed class OnPostgreSql(PostgreSqlClusterFixture fixture) : HierarchyRulesTests(fixture);
}
