using DongDa.Hierarchy.Metrics;
using DongDa.Hierarchy.Organizations;
using DongDa.Hierarchy.Records;

namespace DongDa.Hierarchy.Grains.Tests;

public abstract class IncrementalRollupTests(ClusterFixture fixture)
{
    private IOrganizationGrain Org(string id) => fixture.Grains.GetGrain<IOrganizationGrain>(id);

    private static OrgDetails Details(OrgLevel level, string? parentId) => TestOrganizations.Details(level, parentId);

    private static StudySessionRecord Session(string orgId, string recordId, int classes = 1, DateOnly? date = null) =>
        TestRecords.Session(orgId, recordId, classes, date);

    [Fact]
    public async Task A_root_rollup_after_one_cell_write_asks_only_the_path_down_to_that_cell()
    {
        await Org("calls-d").Upsert(Details(OrgLevel.District, null));
        for (var g = 0; g < 6; g++)
        {
            await Org($"calls-g{g}").Upsert(Details(OrgLevel.Grassroots, "calls-d"));
            await Org($"calls-p{g}").Upsert(Details(OrgLevel.Partial, $"calls-g{g}"));
            for (var c = 0; c < 5; c++)
            {
                await Org($"calls-c{g}-{c}").Upsert(Details(OrgLevel.Cell, $"calls-p{g}"));
                await Org($"calls-c{g}-{c}").AddRecord(Session($"calls-c{g}-{c}", "first"));
            }
        }

        var warm = await Org("calls-d").Rollup(new Period());
        Assert.Equal(30, warm!.Total().Study.Classes);
        await Org("calls-c3-2").AddRecord(Session("calls-c3-2", "second", classes: 4));

        IReadOnlyList<(string GrainId, string Method)> calls;
        SubtreeRollup? after;
        using (fixture.Calls.Record())
        {
            after = await Org("calls-d").Rollup(new Period());
            calls = fixture.Calls.OrganizationCalls;
        }

        Assert.Equal(34, after!.Total().Study.Classes);
        var touched = calls.Select(call => call.GrainId).Distinct().Order().ToList();
        Assert.Equal(["calls-c3-2", "calls-d", "calls-g3", "calls-p3"], touched);
        Assert.Equal(3, calls.Count(call => call.Method == nameof(IOrganizationMember.GetChanges)));
    }

    [Fact]
    public async Task A_rollup_asked_with_the_stamp_of_the_current_state_answers_the_stamp_alone_until_anything_it_shows_changes()
    {
        await Org("stamp-d").Upsert(Details(OrgLevel.District, null));
        await Org("stamp-g").Upsert(Details(OrgLevel.Grassroots, "stamp-d"));
        await Org("stamp-c").Upsert(Details(OrgLevel.Cell, "stamp-g"));
        var whole = new Period();
        var first = (await Org("stamp-d").RollupUnlessSeen(whole, default))!;
        Assert.NotNull(first.Rollup);

        var again = (await Org("stamp-d").RollupUnlessSeen(whole, first.Stamp))!;
        Assert.Equal(first.Stamp, again.Stamp);
        Assert.Null(again.Rollup);

        // A record two levels down, then the district's own details: each is a new state with its answer.
        await Org("stamp-c").AddRecord(Session("stamp-c", "one", classes: 3));
        var afterWrite = (await Org("stamp-d").RollupUnlessSeen(whole, first.Stamp))!;
        Assert.NotEqual(first.Stamp, afterWrite.Stamp);
        Assert.Equal(3, afterWrite.Rollup!.Total().Study.Classes);

        await Org("stamp-d").Upsert(Details(OrgLevel.District, null) with { Name = "Renamed" });
        var afterRename = (await Org("stamp-d").RollupUnlessSeen(whole, afterWrite.Stamp))!;
        Assert.NotEqual(afterWrite.Stamp, afterRename.Stamp);
        Assert.Equal("Renamed", afterRename.Rollup!.Org.Details.Name);

        // A move under the root changes the guard's part, so a drill-down's path is read again.
        var drilldown = (await Org("stamp-c").DrilldownUnlessSeen(whole, default))!;
        await Org("stamp-g2").Upsert(Details(OrgLevel.Grassroots, "stamp-d"));
        await Org("stamp-p").Upsert(Details(OrgLevel.Partial, "stamp-g2"));
        await Org("stamp-c2").Upsert(Details(OrgLevel.Cell, "stamp-p"));
        await Org("stamp-p").Upsert(Details(OrgLevel.Partial, "stamp-g"));
        var moved = (await Org("stamp-c").DrilldownUnlessSeen(whole, drilldown.Stamp))!;
        Assert.NotEqual(drilldown.Stamp, moved.Stamp);
        Assert.NotNull(moved.Drilldown);
    }

    [Fact]
    public async Task A_warm_rollup_asks_no_child_at_all()
    {
        await Org("idle-d").Upsert(Details(OrgLevel.District, null));
        await Org("idle-g").Upsert(Details(OrgLevel.Grassroots, "idle-d"));
        await Org("idle-c").Upsert(Details(OrgLevel.Cell, "idle-g"));
        await Org("idle-d").Rollup(new Period());

        using (fixture.Calls.Record())
        {
            await Org("idle-d").Rollup(new Period { From = new DateOnly(2021, 1, 1) });
            Assert.Equal(["idle-d"], fixture.Calls.OrganizationCalls.Select(call => call.GrainId).Distinct());
        }
    }

    [Fact]
    public async Task Every_acknowledged_write_shows_at_the_root_while_writers_at_every_level_and_queries_run_together()
    {
        var random = new RandomHierarchy(31, "rw");
        var model = random.BuildForest(districts: 1, maxGrassroots: 10, maxCells: 6);
        var driver = new HierarchyDriver(fixture.Grains, model);
        await driver.CreateAll();
        var root = model.CreationOrder[0];
        var ids = model.CreationOrder.ToArray();
        long acknowledged = 0;

        var writers = Enumerable.Range(0, 6).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < 40; i++)
            {
                var orgId = ids[(writer * 7919 + i * 104729) % ids.Length];
                var outcome = await Org(orgId).AddRecord(Session(orgId, $"w{writer}-{i}"));
                Assert.Equal(RecordWriteStatus.Created, outcome.Status);
                Interlocked.Increment(ref acknowledged);
            }
        })).ToArray();
        var observations = 0;
        while (!writers.All(writer => writer.IsCompleted))
        {
            var before = Interlocked.Read(ref acknowledged);
            var rollup = await Org(root).Rollup(new Period());
            Assert.True(rollup!.Total().Study.Classes >= before, $"root shows {rollup.Total().Study.Classes} classes after {before} acknowledged writes");
            observations++;
        }

        await Task.WhenAll(writers);
        Assert.True(observations > 5);
        Assert.Equal(240, (await Org(root).Rollup(new Period()))!.Total().Study.Classes);
    }

    [Fact]
    public async Task Writes_queries_and_moves_interleaved_at_random_end_exactly_where_the_oracle_does()
    {
        var random = new RandomHierarchy(41, "mix");
        var model = random.BuildForest(districts: 2, maxGrassroots: 6, maxCells: 5);
        var driver = new HierarchyDriver(fixture.Grains, model);
        await driver.CreateAll();
        var ids = model.CreationOrder;
        var movable = ids.Where(id => model.Orgs[id].ParentId is not null).ToList();

        for (var round = 0; round < 12; round++)
        {
            var id = movable[random.Random.Next(movable.Count)];
            var target = ids[random.Random.Next(ids.Count)];
            var records = Enumerable.Range(0, 8).Select(_ => random.RandomRecord(ids[random.Random.Next(ids.Count)])).ToList();
            var periods = Enumerable.Range(0, 4).Select(_ => random.RandomPeriod()).ToList();

            // One move, eight writes and a handful of rollups at once; the move may be refused.
            var move = target != id && target != model.Orgs[id].ParentId ? driver.Move(id, target) : Task.FromResult(UpsertStatus.Updated);
            var writes = records.Select(driver.Write);
            var reads = periods.Select(period => driver.Org(ids[random.Random.Next(ids.Count)]).Rollup(period));
            await Task.WhenAll(Task.WhenAll(writes), Task.WhenAll(reads), move);

            foreach (var root in model.Orgs.Where(pair => pair.Value.ParentId is null).Select(pair => pair.Key))
            {
                await driver.AssertRollupMatchesOracle(root, periods[0]);
            }

            await driver.AssertRollupMatchesOracle(ids[random.Random.Next(ids.Count)], periods[1]);
        }
    }

    [Fact]
    public async Task Records_spanning_many_pages_and_snapshots_list_in_order_replay_and_survive_deactivation()
    {
        await Org("pages-d").Upsert(Details(OrgLevel.District, null));
        var records = Enumerable.Range(0, 1100)
            .Select(i => (OrgRecord)Session("pages-d", $"p{i:D3}", date: new DateOnly(2021, 1, 1).AddDays(i % 97)))
            .ToList();
        foreach (var batch in records.Chunk(70)) await Org("pages-d").AddRecords(batch);
        Assert.Equal(RecordWriteStatus.Replayed, (await Org("pages-d").AddRecord(records[5])).Status);
        Assert.Equal(RecordWriteStatus.Conflict, (await Org("pages-d").AddRecord(Session("pages-d", "p005", classes: 9))).Status);
        var warm = await Org("pages-d").Rollup(new Period { From = new DateOnly(2021, 2, 1), To = new DateOnly(2021, 3, 15) });

        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        var cold = await Org("pages-d").Rollup(new Period { From = new DateOnly(2021, 2, 1), To = new DateOnly(2021, 3, 15) });
        Assert.Equal(Figures.Of(warm!.Total()).ToString(), Figures.Of(cold!.Total()).ToString());
        var listed = new List<string>();
        RecordPosition? after = null;
        do
        {
            var page = await Org("pages-d").ListRecords(new RecordQuery { Kind = RecordKind.StudySession, Period = new Period(), Limit = 64, After = after });
            listed.AddRange(page!.Items.Select(item => item.RecordId));
            after = page.Next;
        }
        while (after is not null);

        Assert.Equal(records.OrderBy(r => r.Date).ThenBy(r => r.RecordId, StringComparer.Ordinal).Select(r => r.RecordId), listed);
        Assert.Equal(RecordWriteStatus.Replayed, (await Org("pages-d").AddRecord(records[1099])).Status);
        Assert.Equal(1100, (await Org("pages-d").Rollup(new Period()))!.Total().Study.Classes);
    }

    [Fact]
    public async Task A_page_stores_a_retried_record_once()
    {
        var page = fixture.Grains.GetGrain<IRecordPageGrain>("page-retry/0");
        OrgRecord[] records = [Session("page-retry", "a"), Session("page-retry", "b")];

        await page.Append(records);
        await page.Append([records[1], Session("page-retry", "c")]);

        Assert.Equal(["a", "b", "c"], (await page.GetRecords()).Select(record => record.RecordId));
    }

    [Collection(SqliteCluster.Name)]
    public sealed class OnSqlite(SqliteClusterFixture fixture) : IncrementalRollupTests(fixture);

    [Collection(PostgreSqlCluster.Name)]
    public sealed class OnPostgreSql(PostgreSqlClusterFixture fixture) : IncrementalRollupTests(fixture);
}
