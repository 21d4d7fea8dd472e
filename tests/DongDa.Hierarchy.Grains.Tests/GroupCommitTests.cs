using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using DongDa.Hierarchy.Metrics;
using DongDa.Hierarchy.Organizations;
using DongDa.Hierarchy.Records;

namespace DongDa.Hierarchy.Grains.Tests;

/// <summary>Concurrent writes at many organizations share synced transactions, and every one of them is stored.</summary>
public abstract class GroupCommitTests(ClusterFixture fixture, string database)
{
    private IOrganizationGrain Org(string id) => fixture.Grains.GetGrain<IOrganizationGrain>(id);

    [Fact]
    public async Task Concurrent_writes_at_many_organizations_share_commits_and_every_one_counts()
    {
        var p = $"gc-{database}";
        const int cells = 40, perCell = 10;
        await Org($"{p}-d").Upsert(TestOrganizations.Details(OrgLevel.District, null));
        await Org($"{p}-g").Upsert(TestOrganizations.Details(OrgLevel.Grassroots, $"{p}-d"));
        await Task.WhenAll(Enumerable.Range(0, cells).Select(c => Org($"{p}-c{c}").Upsert(TestOrganizations.Details(OrgLevel.Cell, $"{p}-g"))));

        var commits = new ConcurrentBag<int>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, meter) =>
        {
            if (instrument.Name == "dongda.storage.commit.writes") meter.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<int>((_, writes, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "db.system.name" && Equals(tag.Value, database)) commits.Add(writes);
            }
        });
        listener.Start();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, cells * perCell).Select(i =>
            Org($"{p}-c{i % cells}").AddRecord(TestRecords.Session($"{p}-c{i % cells}", $"r{i}", classes: 1))));
        listener.Dispose();

        Assert.All(outcomes, outcome => Assert.Equal(RecordWriteStatus.Created, outcome.Status));
        Assert.Equal(cells * perCell, (await Org($"{p}-d").Rollup(new Period()))!.Total().Study.Classes);
        // Each record stores its page and its organization: at least two writes, in fewer commits than writes.
        Assert.True(commits.Sum() >= 2 * cells * perCell, $"{commits.Sum()} writes committed");
        Assert.True(commits.Max() > 1, "no commit carried more than one write");
        Assert.True(commits.Count < commits.Sum(), $"{commits.Count} commits for {commits.Sum()} writes");
    }

    [Collection(SqliteCluster.Name)]
    public sealed class OnSqlite(SqliteClusterFixture fixture) : GroupCommitTests(fixture, "sqlite");

    [Collection(PostgreSqlCluster.Name)]
    public sealed class OnPostgreSql(PostgreSqlClusterFixture fixture) : GroupCommitTests(fixture, "postgresql");
}
