using DongDa.Hierarchy.Organizations;

namespace DongDa.Hierarchy.Grains.Tests;

public abstract class RollupOracleTests(ClusterFixture fixture)
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Rollups_of_random_trees_equal_the_brute_force_sum_for_random_periods(int seed)
    {
        var random = new RandomHierarchy(seed, $"oracle{seed}");
        var model = random.BuildForest(districts: 3, maxGrassroots: 24, maxCells: 12);
        var driver = new HierarchyDriver(fixture.Grains, model);
        await driver.CreateAll();
        Assert.InRange(model.Orgs.Count, 100, 5000);

        var ids = model.CreationOrder;
        await Parallel.ForEachAsync(Enumerable.Range(0, ids.Count * 3), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (_, _) =>
            {
                string orgId;
                Records.OrgRecord record;
                lock (random) { orgId = ids[random.Random.Next(ids.Count)]; record = random.RandomRecord(orgId); }
                await driver.Write(record);
            });

        foreach (var root in model.Orgs.Where(pair => pair.Value.ParentId is null).Select(pair => pair.Key))
        {
            await driver.AssertRollupMatchesOracle(root, new Metrics.Period());
            await driver.AssertDrilldownMatchesOracle(root, random.RandomPeriod());
            // The records span 2020 to 2023; a month either side shows that empty months are zero, not missing.
            await driver.AssertSeriesMatchesOracle(root, new Metrics.Period { From = new DateOnly(2019, 12, 10), To = new DateOnly(2024, 1, 20) });
        }

        for (var check = 0; check < 40; check++)
        {
            await driver.AssertRollupMatchesOracle(ids[random.Random.Next(ids.Count)], random.RandomPeriod());
        }

        await driver.AssertSeriesMatchesOracle(ids[random.Random.Next(ids.Count)], new Metrics.Period { From = new DateOnly(2021, 3, 15), To = new DateOnly(2021, 8, 2) });
    }

    /// <summary>
    /// Posts, corrections (kind kept, any field changed, the date too) and withdrawals at random
    /// organizations, with moves between them: after every step the figures of every ancestor of
    /// the organization changed equal the brute-force sum, for the whole term and a random period.
    /// </summary>
    [Theory]
    [InlineData(21)]
    [InlineData(22)]
    public async Task Rollups_stay_exact_through_posts_corrections_withdrawals_and_moves(int seed)
    {
        var random = new RandomHierarchy(seed, $"fix{seed}");
        var driver = await HierarchyDriver.WithARecordEach(fixture.Grains, random, districts: 2, maxGrassroots: 6, maxCells: 4);
        var model = driver.Model;

        var counts = new Dictionary<string, int>();
        for (var step = 0; step < 80; step++)
        {
            if (await driver.RandomChange(random) is not { } change) continue;
            var (id, kind) = change;
            counts[kind] = counts.GetValueOrDefault(kind) + 1;
            foreach (var ancestor in model.PathOf(id))
            {
                await driver.AssertRollupMatchesOracle(ancestor, new Metrics.Period());
                await driver.AssertRollupMatchesOracle(ancestor, random.RandomPeriod());
            }
        }

        Assert.True(counts.Count == 4, $"steps by kind: {string.Join(", ", counts)}: the walk should post, correct, withdraw and move");
        foreach (var root in model.Orgs.Where(pair => pair.Value.ParentId is null).Select(pair => pair.Key))
        {
            await driver.AssertDrilldownMatchesOracle(root, random.RandomPeriod());
            await driver.AssertSeriesMatchesOracle(root, new Metrics.Period { From = new DateOnly(2020, 1, 1), To = new DateOnly(2023, 12, 31) });
        }
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public async Task Rollups_stay_exact_through_valid_and_refused_moves_of_subtrees(int seed)
    {
        var random = new RandomHierarchy(seed, $"moves{seed}");
        var driver = await HierarchyDriver.WithARecordEach(fixture.Grains, random, districts: 2, maxGrassroots: 8, maxCells: 6);
        var model = driver.Model;
        var ids = model.CreationOrder;

        var movable = ids.Where(id => model.Orgs[id].ParentId is not null).ToList();
        int valid = 0, refused = 0;
        for (var step = 0; step < 40; step++)
        {
            var id = movable[random.Random.Next(movable.Count)];
            var target = ids[random.Random.Next(ids.Count)];
            if (target == id || target == model.Orgs[id].ParentId) continue;
            var mayMove = model.MayMove(id, target);
            var status = await driver.Move(id, target);
            Assert.Equal(mayMove ? UpsertStatus.Updated : UpsertStatus.Conflict, status);
            if (mayMove) valid++; else refused++;

            // Read-your-writes right after the move: a new record at the moved node shows at every ancestor.
            await driver.Write(random.RandomRecord(id));
            foreach (var ancestor in model.PathOf(id)) await driver.AssertRollupMatchesOracle(ancestor, new Metrics.Period());
        }

        Assert.True(valid > 0 && refused > 0, $"valid {valid}, refused {refused}: the walk should exercise both");
        foreach (var id in ids) await driver.AssertStructureMatchesModel(id);
        foreach (var root in model.Orgs.Where(pair => pair.Value.ParentId is null).Select(pair => pair.Key))
        {
            await driver.AssertRollupMatchesOracle(root, random.RandomPeriod());
        }
    }

    [Collection(SqliteCluster.Name)]
    public sealed class OnSqlite(SqliteClusterFixture fixture) : RollupOracleTests(fixture);

    [Collection(PostgreSqlCluster.Name)]
    public sealed class OnPostgreSql(PostgreSqlClusterFixture fixture) : RollupOracleTests(fixture);
}
