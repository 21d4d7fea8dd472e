using DongDa.Hierarchy.TestSupport;
using Xunit.Abstractions;

namespace DongDa.Hierarchy.Api.Tests.Hostile;

public sealed class HostileHost() : HostFixture(seed: false)
{
    protected override Task<TestStore> CreateStoreAsync() => Stores.Sqlite();
}

[CollectionDefinition(Name)]
public sealed class HostileHostCollection : ICollectionFixture<HostileHost>
{
    public const string Name = "hostile host";
}

/// <summary>
/// Thousands of seeded hostile requests over every endpoint: each is answered with a 4xx
/// problem+json, none with a 500 or not at all, and afterwards every organization, record list,
/// audit trail and figure is exactly what it was. <c>DONGDA_FUZZ_SEED</c> and
/// <c>DONGDA_FUZZ_CASES</c> reproduce a failure or run longer.
/// </summary>
[Collection(HostileHostCollection.Name)]
public sealed class HostileInputTests(HostileHost fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Every_hostile_request_is_refused_with_a_problem_and_changes_nothing()
    {
        var seed = HostileRun.Setting("DONGDA_FUZZ_SEED", 20261129);
        var cases = HostileRun.Setting("DONGDA_FUZZ_CASES", 5000);
        var client = fixture.Factory.CreateClient();
        client.Timeout = HostileRun.NoAnswerAfter;
        await HostileRun.District(client);
        var before = await HostileRun.State(client);

        var (statuses, failures) = await HostileRun.Send(client, new HostileRequests(seed, HostileRun.Ids), cases);

        output.WriteLine($"seed {seed}: {cases} hostile requests in process; answers {HostileRun.Describe(statuses)}");
        Assert.True(failures.Count == 0, $"seed {seed}: {failures.Count} requests were not refused properly:\n{string.Join("\n", failures.Take(20))}");
        Assert.Equal(before, await HostileRun.State(client));
        Assert.Equal(cases, statuses.Values.Sum());
    }

    /// <summary>
    /// The same over real sockets to the host as its own process, so that Kestrel's limits and
    /// parsing are in the way too; what Kestrel refuses itself answers a bare 4xx.
    /// </summary>
    [Fact]
    public async Task Hostile_requests_over_sockets_to_the_host_process_are_refused_and_change_nothing()
    {
        var seed = HostileRun.Setting("DONGDA_FUZZ_SEED", 20261129) + 1;
        var cases = HostileRun.Setting("DONGDA_FUZZ_CASES", 5000) / 4;
        await using var store = new SqliteTestStore();
        await using var host = await HostProcess.StartAsync("hostile", store);
        await HostileRun.District(host.Client);
        var before = await HostileRun.State(host.Client);

        var (statuses, failures) = await HostileRun.Send(host.Client, new HostileRequests(seed, HostileRun.Ids, overSockets: true), cases);

        output.WriteLine($"seed {seed}: {cases} hostile requests over sockets; answers {HostileRun.Describe(statuses)}");
        Assert.True(failures.Count == 0, $"seed {seed}: {failures.Count} requests were not refused properly:\n{string.Join("\n", failures.Take(20))}");
        Assert.Equal(before, await HostileRun.State(host.Client));
        Assert.Equal(cases, statuses.Values.Sum());
    }
}
