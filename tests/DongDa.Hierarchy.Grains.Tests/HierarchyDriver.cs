using DongDa.Hierarchy.Metrics;
using DongDa.Hierarchy.Organizations;
using DongDa.Hierarchy.Records;

namespace DongDa.Hierarchy.Grains.Tests;

/// <summary>Applies a model to the grains and compares the grains' answers with the model's oracle.</summary>
public sealed class HierarchyDriver(IGrainFactory grains, HierarchyModel model)
{
    public IOrganizationGrain Org(string id) => grains.GetGrain<IOrganizationGrain>(id);

    public HierarchyModel Model => model;

    /// <summary>A random forest created in the grains, with one random record written at each organization.</summary>
    public static async Task<HierarchyDriver> WithARecordEach(IGrainFactory grains, RandomHierarchy random, int districts, int maxGrassroots, int maxCells)
    {
        var driver = new HierarchyDriver(grains, random.BuildForest(districts, maxGrassroots, maxCells));
        await driver.CreateAll();
        foreach (var id in driver.Model.CreationOrder) await driver.Write(random.RandomRecord(id));
        return driver;
    }

    public async Task CreateAll()
    {
        foreach (var id in model.CreationOrder)
        {
            var outcome = await Org(id).Upsert(model.Orgs[id]);
            Assert.Equal(UpsertStatus.Created, outcome.Status);
        }
    }

    public async Task Write(OrgRecord record)
    {
        var outcome = await Org(record.OrgId).AddRecord(record);
        Assert.Equal(RecordWriteStatus.Created, outcome.Status);

        // Tests write from several tasks at once.
        lock (model.Records) model.Records.Add(record);
    }

    /// <summary>Replaces a stored record by <paramref name="record"/> (same organization and id), in the grains and in the model.</summary>
    public async Task Correct(OrgRecord record)
    {
        var outcome = await Org(record.OrgId).CorrectRecord(record);
        Assert.Equal(RecordWriteStatus.Corrected, outcome.Status);
        lock (model.Records) model.Records[model.Records.FindIndex(stored => stored.RecordId == record.RecordId)] = record;
    }

    public async Task Withdraw(OrgRecord record)
    {
        var outcome = await Org(record.OrgId).WithdrawRecord(record.Kind, record.RecordId);
        Assert.Equal(RecordWriteStatus.Withdrawn, outcome.Status);
        lock (model.Records) model.Records.RemoveAll(stored => stored.RecordId == record.RecordId);
    }

    private static readonly string[] ChangeKinds = ["post", "correction", "withdrawal", "move"];
    private static readonly string[] ChangeKindsWithRenames = ["post", "correction", "withdrawal", "rename", "move"];
    private int _renames;

    /// <summary>
    /// One change at a random organization, in the grains and the model: a post, a correction (kind
    /// kept, any field changed, the date too), a withdrawal or a move to a random new parent, and a
    /// rename too when <paramref name="renames"/>. The organization and the kind of change; null
    /// when the move drawn is not one the model allows, and nothing changed.
    /// </summary>
    public async Task<(string Id, string Kind)?> RandomChange(RandomHierarchy random, bool renames = false)
    {
        var ids = model.CreationOrder;
        var id = ids[random.Random.Next(ids.Count)];
        var own = model.Records.Where(record => record.OrgId == id).ToList();
        var kinds = renames ? ChangeKindsWithRenames : ChangeKinds;
        var kind = own.Count == 0 ? kinds[0] : kinds[random.Random.Next(kinds.Length)];
        switch (kind)
        {
            case "post":
                await Write(random.RandomRecord(id));
                break;
            case "correction":
                await Correct(random.RandomCorrection(own[random.Random.Next(own.Count)]));
                break;
            case "withdrawal":
                await Withdraw(own[random.Random.Next(own.Count)]);
                break;
            case "rename":
                var renamed = model.Orgs[id] with { Name = $"{model.Orgs[id].Name} ({++_renames})" };
                Assert.Equal(UpsertStatus.Updated, (await Org(id).Upsert(renamed)).Status);
                model.Orgs[id] = renamed;
                break;
            default:
                var target = ids[random.Random.Next(ids.Count)];
                if (model.Orgs[id].ParentId is null || target == model.Orgs[id].ParentId || !model.MayMove(id, target)) return null;
                Assert.Equal(UpsertStatus.Updated, await Move(id, target));
                break;
        }

        return (id, kind);
    }

    public async Task<UpsertStatus> Move(string id, string parentId)
    {
        var outcome = await Org(id).Upsert(model.Orgs[id] with { ParentId = parentId });
        if (outcome.Status == UpsertStatus.Updated) model.Orgs[id] = model.Orgs[id] with { ParentId = parentId };
        return outcome.Status;
    }

    public async Task AssertRollupMatchesOracle(string id, Period period)
    {
        var actual = await Org(id).Rollup(period);
        Assert.NotNull(actual);
        AssertMatchesOracle(id, period, actual, $"{id} {period}");
    }

    /// <summary>Asserts that <paramref name="actual"/>, however it was obtained, is the rollup of <paramref name="id"/> the model expects now.</summary>
    public void AssertMatchesOracle(string id, Period period, SubtreeRollup actual, string context)
    {
        var expected = model.Expect(id, period);
        AssertFigures(expected.Orgs, Figures.Of(actual.Orgs), context + " orgs");
        AssertFigures(expected.Own, Figures.Of(actual.Own), context + " own");
        AssertFigures(expected.Total, Figures.Of(actual.Total()), context + " total");
        foreach (var level in Enum.GetValues<OrgLevel>())
        {
            AssertFigures(expected.ByLevel[level], Figures.Of(actual.ByConductorLevel.For(level)), $"{context} byConductorLevel.{level}");
        }
    }

    public async Task AssertDrilldownMatchesOracle(string id, Period period)
    {
        var drilldown = await Org(id).Drilldown(period);
        Assert.NotNull(drilldown);
        var expectedChildren = model.ChildrenOf(id).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expectedChildren, drilldown.Children.Select(child => child.Org.Id).Order(StringComparer.Ordinal).ToList());
        foreach (var child in drilldown.Children)
        {
            AssertFigures(model.Expect(child.Org.Id, period).Total, Figures.Of(child.Total()), $"drilldown child {child.Org.Id}");
        }
    }

    /// <summary>The series of a bounded period has one total per calendar month, each the brute-force sum of that month.</summary>
    public async Task AssertSeriesMatchesOracle(string id, Period period)
    {
        var months = period.Months();
        var series = (await Org(id).Series(months))?.Totals;
        Assert.NotNull(series);
        Assert.Equal(months.Count, series.Count);
        for (var i = 0; i < months.Count; i++)
        {
            AssertFigures(model.Expect(id, months[i]).Total, Figures.Of(series[i]), $"series {id} {months[i]}");
        }
    }

    public async Task AssertStructureMatchesModel(string id)
    {
        Assert.Equal(model.PathOf(id), await Org(id).GetPath());
        var family = (await Org(id).GetFamily())!;
        Assert.Equal(model.PathOf(id), family.Path);
        Assert.Equal(model.ChildrenOf(id).Order(StringComparer.Ordinal), family.Children.Select(child => child.Id).Order(StringComparer.Ordinal));
    }

    private static void AssertFigures(Figures expected, Figures actual, string context) =>
        Assert.True(expected.NonZero().ToString() == actual.NonZero().ToString(),
            $"{context}\nexpected: {expected.NonZero()}\nactual:   {actual.NonZero()}");
}
