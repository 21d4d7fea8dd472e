using DongDa.Hierarchy.Metrics;
using DongDa.Hierarchy.Organizations;
using DongDa.Hierarchy.Records;

namespace DongDa.Hierarchy.Grains.Tests;

/// <summary>
/// The stored sums of the children (<see cref="SubtreeSummary"/>): a cold rollup reads them instead
/// of the subtree, and they never make an answer wrong, whether a sum was stored before its children
/// changed again (behind them) or a failed write left storage and memory disagreeing about it.
/// </summary>
public abstract class StoredSummaryTests(ClusterFixture fixture)
{
    private IOrganizationGrain Org(string id) => fixture.Grains.GetGrain<IOrganizationGrain>(id);

    /// <summary>Every idle activation goes, storing its sum if it may, so that the next call activates it from storage.</summary>
    private Task DeactivateAll() => fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

    private static string RootOf(HierarchyModel model) => model.Orgs.First(pair => pair.Value.ParentId is null).Key;

    /// <summary>The organizations a cold rollup at the root asked for their changes.</summary>
    private async Task<List<string>> AskedByColdRollup(HierarchyDriver driver, string root)
    {
        using (fixture.Calls.Record())
        {
            await driver.AssertRollupMatchesOracle(root, new Period());
            return [.. fixture.Calls.OrganizationCalls.Where(call => call.Method == nameof(IOrganizationMember.GetChanges)).Select(call => call.GrainId)];
        }
    }

    [Fact]
    public async Task A_cold_rollup_reads_the_stored_sums_and_after_a_write_below_asks_only_along_its_path()
    {
        var random = new RandomHierarchy(31, "sum31");
        var driver = await HierarchyDriver.WithARecordEach(fixture.Grains, random, districts: 1, maxGrassroots: 6, maxCells: 5);
        var model = driver.Model;
        var root = RootOf(model);
        await driver.AssertRollupMatchesOracle(root, new Period());

        await DeactivateAll();
        Assert.Empty(await AskedByColdRollup(driver, root));

        // The write marks its path out of date before it is stored; nobody reads it before the
        // activations go, so no sum on the path is stored again, and the cold rollup reads below them.
        var cell = model.Orgs.First(pair => pair.Value.Level == OrgLevel.Cell).Key;
        var path = model.PathOf(cell);
        await driver.Write(random.RandomRecord(cell));
        await DeactivateAll();
        var asked = await AskedByColdRollup(driver, root);
        Assert.Contains(cell, asked);
        Assert.All(asked, id => Assert.Contains(model.Orgs[id].ParentId!, path));

        await driver.AssertDrilldownMatchesOracle(root, random.RandomPeriod());
        await driver.AssertRollupMatchesOracle(model.Orgs[cell].ParentId!, random.RandomPeriod());
    }

    [Fact]
    public async Task A_sum_marked_out_of_date_is_stored_again_a_while_after_a_read_without_a_deactivation()
    {
        var random = new RandomHierarchy(32, "sum32");
        var driver = await HierarchyDriver.WithARecordEach(fixture.Grains, random, districts: 1, maxGrassroots: 3, maxCells: 3);
        var model = driver.Model;
        var root = RootOf(model);
        await driver.AssertRollupMatchesOracle(root, new Period());
        await Task.Delay(StoredSubtree.StoreAfter * 2.5);

        // Sums stored now come from the timer only: the deactivations cannot store any.
        fixture.Faults.FailAllWrites("subtree");
        try
        {
            await DeactivateAll();
        }
        finally
        {
            fixture.Faults.Clear();
        }

        Assert.Empty(await AskedByColdRollup(driver, root));
    }

    /// <summary>
    /// Posts, corrections, withdrawals and moves at random organizations, each now and then with a
    /// write of its own state, of its page or of an ancestor's sum failing before or after it
    /// committed, and then retried; reads some of the time only, and every activation let go at
    /// random moments, so that sums are stored at every age. Every rollup, warm or cold, equals the
    /// brute-force sum of what was acknowledged.
    /// </summary>
    [Theory]
    [InlineData(41)]
    [InlineData(42)]
    public async Task Rollups_stay_exact_with_stored_sums_behind_their_children_and_failed_writes_of_every_row(int seed)
    {
        var random = new RandomHierarchy(seed, $"sums{seed}");
        var driver = await HierarchyDriver.WithARecordEach(fixture.Grains, random, districts: 2, maxGrassroots: 5, maxCells: 4);
        var model = driver.Model;
        var ids = model.CreationOrder;
        string[] rows = ["organization", "recordPage", "subtree"];
        int faults = 0, collections = 0;
        for (var step = 0; step < 70; step++)
        {
            var id = ids[random.Random.Next(ids.Count)];
            var own = model.Records.Where(record => record.OrgId == id).ToList();
            var roll = random.Random.Next(10);
            if (roll == 0)
            {
                await DeactivateAll();
                collections++;
            }
            else if (roll == 1)
            {
                var target = ids[random.Random.Next(ids.Count)];
                if (model.Orgs[id].ParentId is null || target == model.Orgs[id].ParentId || !model.MayMove(id, target)) continue;
                Assert.Equal(UpsertStatus.Updated, await driver.Move(id, target));
            }
            else
            {
                var path = model.PathOf(id);
                var row = rows[random.Random.Next(rows.Length)];
                var key = row switch { "organization" => id, "recordPage" => $"{id}/0", _ => path[random.Random.Next(path.Count)] };
                var failing = random.Random.Next(3) == 0;
                if (failing) fixture.Faults.FailNextWrite(row, key, afterCommit: random.Random.Next(2) == 0);
                var change = own.Count > 0 && random.Random.Next(3) == 0
                    ? random.RandomCorrection(own[random.Random.Next(own.Count)])
                    : random.RandomRecord(id);
                var correcting = own.Any(record => record.RecordId == change.RecordId);
                try
                {
                    await Store(change, correcting);
                }
                catch (Exception) when (failing)
                {
                    faults++;
                }
                finally
                {
                    fixture.Faults.Clear();
                }

                // The client retries until the write is acknowledged: a write is stored once, whatever failed.
                await Store(change, correcting);
                lock (model.Records)
                {
                    model.Records.RemoveAll(record => record.RecordId == change.RecordId);
                    model.Records.Add(change);
                }
            }

            if (random.Random.Next(2) == 0)
            {
                foreach (var ancestor in model.PathOf(id)) await driver.AssertRollupMatchesOracle(ancestor, random.RandomPeriod());
            }
        }

        Assert.True(faults > 0 && collections > 0, $"{faults} failed writes, {collections} collections: the walk should exercise both");
        await DeactivateAll();
        foreach (var root in model.Orgs.Where(pair => pair.Value.ParentId is null).Select(pair => pair.Key))
        {
            await driver.AssertRollupMatchesOracle(root, new Period());
            await driver.AssertDrilldownMatchesOracle(root, random.RandomPeriod());
        }

        foreach (var id in ids) await driver.AssertRollupMatchesOracle(id, random.RandomPeriod());
    }

    private async Task Store(OrgRecord change, bool correcting)
    {
        var outcome = correcting ? await Org(change.OrgId).CorrectRecord(change) : await Org(change.OrgId).AddRecord(change);
        Assert.Contains(outcome.Status, correcting
            ? new[] { RecordWriteStatus.Corrected, RecordWriteStatus.Unchanged }
            : new[] { RecordWriteStatus.Created, RecordWriteStatus.Replayed });
    }

    [Collection(SqliteCluster.Name)]
    public sealed class OnSqlite(SqliteClusterFixture fixture) : StoredSummaryTests(fixture);

    [Collection(PostgreSqlCluster.Name)]
    public sealed class OnPostgreSql(PostgreSqlClusterFixture fixture) : StoredSummaryTests(fixture);
}
