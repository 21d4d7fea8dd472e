using DongDa.Hierarchy.Metrics;
using DongDa.Hierarchy.Organizations;
using Microsoft.Extensions.DependencyInjection;

namespace DongDa.Hierarchy.Grains.Tests;

/// <summary>
/// The stamps organizations publish as settled (<see cref="SettledAnswers"/>), by which the host
/// sends a kept answer again without a grain call: every answer kept for a stamp the silo vouches
/// for is the oracle's answer, after any acknowledged change, sequential or concurrent, and a read
/// in a quiet hierarchy leaves its stamp vouched for on the silo of the organization and its root.
/// </summary>
public abstract class SettledAnswersTests(ClusterFixture fixture)
{
    /// <summary>Whether a host on any silo may send the answer kept for <paramref name="stamp"/> without asking.</summary>
    private bool Vouched(string id, AnswerStamp stamp) =>
        fixture.Cluster.Silos.Any(silo => silo.ServiceProvider.GetRequiredService<SettledAnswers>().IsCurrent(id, stamp));

    /// <summary>A read as the host keeps it: the stamp, the period asked and the answer read at that stamp.</summary>
    private sealed record Kept(AnswerStamp Stamp, Period Period, SubtreeRollup Rollup);

    /// <summary>Reads <paramref name="id"/> as the host does, with the stamp it kept, and keeps the new answer if there is one.</summary>
    private static async Task<Kept> Read(HierarchyDriver driver, string id, Period period, Kept? kept)
    {
        var seen = kept is not null && kept.Period == period ? kept.Stamp : default;
        var read = await driver.Org(id).RollupUnlessSeen(period, seen);
        Assert.NotNull(read);
        return read.Rollup is null ? kept! with { Stamp = read.Stamp } : new Kept(read.Stamp, period, read.Rollup);
    }

    /// <summary>Every kept answer whose stamp the silo vouches for is the oracle's; answers how many were vouched for.</summary>
    private int AssertVouchedAnswersMatchOracle(HierarchyDriver driver, Dictionary<string, Kept> kept, string context)
    {
        var vouched = 0;
        foreach (var (id, answer) in kept)
        {
            if (!Vouched(id, answer.Stamp)) continue;
            driver.AssertMatchesOracle(id, answer.Period, answer.Rollup, $"{context}: {id} vouched for at {answer.Period}");
            vouched++;
        }

        return vouched;
    }

    [Theory]
    [InlineData(51)]
    [InlineData(52)]
    public async Task A_vouched_stamp_always_names_the_current_answer_through_posts_corrections_withdrawals_moves_and_renames(int seed)
    {
        var random = new RandomHierarchy(seed, $"settled{seed}");
        var driver = await HierarchyDriver.WithARecordEach(fixture.Grains, random, districts: 1, maxGrassroots: 6, maxCells: 4);
        var ids = driver.Model.CreationOrder;
        var root = ids[0];
        var kept = new Dictionary<string, Kept>();
        foreach (var id in ids) kept[id] = await Read(driver, id, random.RandomPeriod(), null);
        // The root keeps its own move guard, so its silo always knows whether its stamp holds; others only on their root's silo.
        Assert.True(Vouched(root, kept[root].Stamp), "a read of the root in a quiet hierarchy publishes its stamp");
        var vouchedAtFirst = AssertVouchedAnswersMatchOracle(driver, kept, "first reads");

        int vouchedAfterChanges = 0, steps = 0;
        for (var step = 0; step < 60; step++)
        {
            if (await driver.RandomChange(random, renames: true) is null) continue;
            steps++;
            vouchedAfterChanges += AssertVouchedAnswersMatchOracle(driver, kept, $"step {step}");

            // The host reads some organizations again, as its clients ask them.
            for (var read = 0; read < 3; read++)
            {
                var reread = ids[random.Random.Next(ids.Count)];
                var period = random.Random.Next(2) == 0 ? kept[reread].Period : random.RandomPeriod();
                kept[reread] = await Read(driver, reread, period, kept[reread]);
                driver.AssertMatchesOracle(reread, period, kept[reread].Rollup, $"step {step}: {reread} read");
            }

            kept[root] = await Read(driver, root, kept[root].Period, kept[root]);
            Assert.True(Vouched(root, kept[root].Stamp), $"step {step}: a read of the root in a quiet hierarchy publishes its stamp");
        }

        // Organizations off the changed paths stay vouched for, so the host skips their calls.
        Assert.True(vouchedAtFirst > ids.Count / 4, $"{vouchedAtFirst} of {ids.Count} first reads vouched for");
        Assert.True(vouchedAfterChanges > steps, $"{vouchedAfterChanges} answers vouched for over {steps} changes");

        // A deactivated organization vouches for nothing: its next activation answers with stamps of its own.
        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var vouchedAfterCollection = kept.Where(pair => Vouched(pair.Key, pair.Value.Stamp)).Select(pair => pair.Key).ToHashSet();
        var reactivated = 0;
        foreach (var (id, answer) in kept)
        {
            var again = await Read(driver, id, answer.Period, answer);
            if (again.Stamp.Activation == answer.Stamp.Activation) continue;
            reactivated++;
            Assert.DoesNotContain(id, vouchedAfterCollection);
        }

        Assert.True(reactivated > ids.Count / 2, $"{reactivated} of {ids.Count} organizations were activated again");
    }

    [Fact]
    public async Task Answers_vouched_for_after_concurrent_writes_moves_and_reads_include_every_acknowledged_change()
    {
        var random = new RandomHierarchy(53, "settled-rw");
        var driver = await HierarchyDriver.WithARecordEach(fixture.Grains, random, districts: 1, maxGrassroots: 8, maxCells: 5);
        var ids = driver.Model.CreationOrder;
        var records = Enumerable.Range(0, 240).Select(i => random.RandomRecord(ids[random.Random.Next(ids.Count)])).ToList();
        var readOrder = Enumerable.Range(0, 400).Select(_ => (Id: ids[random.Random.Next(ids.Count)], Period: random.RandomPeriod())).ToList();
        var moveOrder = Enumerable.Range(0, 400).Select(_ => (Id: ids[random.Random.Next(ids.Count)], Target: ids[random.Random.Next(ids.Count)])).ToList();
        var model = driver.Model;
        var moves = 0;

        for (var round = 0; round < 3; round++)
        {
            var kept = new Dictionary<string, Kept>();
            var batch = records.Skip(round * 80).Take(80).ToList();
            var writers = Enumerable.Range(0, 4).Select(writer => Task.Run(async () =>
            {
                for (var i = writer; i < batch.Count; i += 4) await driver.Write(batch[i]);
            })).Append(Task.Run(async () =>
            {
                // One mover: the model's structure changes in this task only.
                for (var i = 0; i < 20; i++)
                {
                    var (id, target) = moveOrder[(round * 20 + i) % moveOrder.Count];
                    if (model.Orgs[id].ParentId is null || target == model.Orgs[id].ParentId || !model.MayMove(id, target)) continue;
                    Assert.Equal(UpsertStatus.Updated, await driver.Move(id, target));
                    Interlocked.Increment(ref moves);
                }
            })).ToArray();
            var reads = 0;
            while (!writers.All(writer => writer.IsCompleted))
            {
                var (id, period) = readOrder[reads++ % readOrder.Count];
                kept[id] = await Read(driver, id, period, kept.GetValueOrDefault(id));
            }

            await Task.WhenAll(writers);
            // Every write is acknowledged: whatever the silo vouches for must show all of them.
            AssertVouchedAnswersMatchOracle(driver, kept, $"round {round} after {reads} reads");
        }

        Assert.True(moves > 5, $"{moves} moves made");
    }

    [Collection(SqliteCluster.Name)]
    public sealed class OnSqlite(SqliteClusterFixture fixture) : SettledAnswersTests(fixture);

    [Collection(PostgreSqlCluster.Name)]
    public sealed class OnPostgreSql(PostgreSqlClusterFixture fixture) : SettledAnswersTests(fixture);
}
