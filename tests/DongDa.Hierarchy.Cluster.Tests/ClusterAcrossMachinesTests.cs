using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DongDa.Hierarchy.TestSupport;
using Xunit.Abstractions;

namespace DongDa.Hierarchy.Cluster.Tests;

/// <summary>
/// Three silos, each in a network namespace of its own with its own address (as on three machines),
/// on a PostgreSQL they reach over a bridge, behind the shipped HAProxy configuration. Under
/// continuous reads and writes through the balancer: a silo leaves with SIGTERM and nobody notices,
/// a silo dies with SIGKILL and requests answer only 2xx or a 503 saying when to retry, a silo's
/// link is cut and restored. Afterwards every acknowledged write is stored once and the figures are
/// the sums of the records.
/// </summary>
public sealed class ClusterAcrossMachinesTests(ITestOutputHelper output)
{
    private const int Silos = 3;

    /// <summary>Generous against the 1–3 s usual: only a cluster that does not heal fails.</summary>
    private static readonly TimeSpan FullServiceBound = TimeSpan.FromSeconds(15);

    private static readonly Dictionary<string, string> SiloSettings = new()
    {
        ["Logging__LogLevel__Orleans.Runtime.MembershipService"] = "Information",
        ["Hierarchy__DrainSeconds"] = "2",
    };

    [Fact]
    public async Task Three_silos_on_their_own_addresses_behind_haproxy_ride_out_a_leave_a_kill_and_a_partition()
    {
        await using var network = await TestNetwork.CreateAsync(Silos);
        await using var postgres = await ScriptedPostgres.StartAsync(network.Gateway);
        await using var store = await PostgreSqlTestStore.CreateAsync(postgres.ConnectionString);

        // Before any silo runs: the command runs a silo of its own on loopback.
        var (created, added, refused) = await HostProcess.UserAdd(store, Path.Combine(store.Directory, "users"), "clerk", "--org", "*", "--role", "viewer");
        Assert.True(created == 0, refused);
        var password = added.Split('\n')[^1].Trim();

        var starting = Enumerable.Range(0, Silos)
            .Select(index => HostProcess.StartAsync($"silo{index}", store, environment: SiloSettings,
                placement: new HostPlacement(network.Namespaces[index], network.AddressOf(index))))
            .ToArray();
        try
        {
            await Task.WhenAll(starting);
        }
        catch
        {
            foreach (var started in starting.Where(task => task.IsCompletedSuccessfully)) await (await started).DisposeAsync();
            throw;
        }

        var silos = starting.Select(task => task.Result).ToArray();
        try
        {
            await using var balancer = await Balancer.StartAsync(silos);
            try
            {
                await SessionsHoldOnEverySilo(silos, password);
                await RideOutFaults(network, silos, balancer);
            }
            catch
            {
                output.WriteLine($"--- balancer ---\n{string.Join('\n', balancer.Log.Split('\n').TakeLast(40))}");
                throw;
            }
        }
        catch
        {
            foreach (var silo in silos) output.WriteLine($"--- {silo.Name} ---\n{silo.LogTail(80, withStackTraces: false)}");
            throw;
        }
        finally
        {
            foreach (var silo in silos) await silo.DisposeAsync();
        }
    }

    /// <summary>A session one silo issued is read by every other: they share the key ring in PostgreSQL.</summary>
    private static async Task SessionsHoldOnEverySilo(HostProcess[] silos, string password)
    {
        using var signIn = await new HttpClient { BaseAddress = silos[0].Client.BaseAddress }.PostAsJsonAsync("/account/sign-in", new { userName = "clerk", password });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(value => value.StartsWith("dongda.session=", StringComparison.Ordinal)).Split(';')[0];
        foreach (var silo in silos)
        {
            using var browser = new HttpClient { BaseAddress = silo.Client.BaseAddress };
            browser.DefaultRequestHeaders.Add("Cookie", cookie);
            var me = await browser.GetFromJsonAsync<JsonNode>("/account/me");
            Assert.Equal("clerk", me!["userName"]!.GetValue<string>());
        }
    }

    private async Task RideOutFaults(TestNetwork network, HostProcess[] silos, Balancer balancer)
    {
        var hierarchy = new TestHierarchy("nn");
        await hierarchy.CreateAsync(balancer.Client);
        var load = new BalancedLoad(balancer.Client, hierarchy, seed: 20261204);
        using var stop = new CancellationTokenSource();
        var running = load.RunAsync(writers: 6, readers: 3, stop.Token);
        double Now() => load.Clock.Elapsed.TotalSeconds;
        await Task.Delay(TimeSpan.FromSeconds(3));

        // A graceful leave: SIGTERM, as systemd and Kubernetes stop a silo; then it comes back.
        var leaving = Now();
        var exitCode = await silos[0].Terminate(TimeSpan.FromSeconds(60));
        var left = Now();
        await silos[0].StartAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));
        var leave = load.Between(leaving, Now());
        output.WriteLine($"SIGTERM: {silos[0].Name} exited with {exitCode} {left - leaving:F2} s later and was ready again at {Now() - leaving:F2} s; " +
                         $"{leave.Count} requests meanwhile, {leave.Count(Failed)} not 2xx.");
        Assert.Equal(0, exitCode);
        AssertNone(leave.Where(Failed));

        // A crash: SIGKILL, nothing flushed.
        var killed = Now();
        silos[1].Kill();
        await Task.Delay(TimeSpan.FromSeconds(8));
        var crash = load.Between(killed, Now());
        var crashService = FullServiceAfter(crash, killed);
        output.WriteLine($"SIGKILL: {crash.Count} requests in the next 8 s, {crash.Count(Failed)} not 2xx ({Statuses(crash)}); full service {crashService:F2} s after the kill.");
        AssertNone(crash.Where(outcome => Failed(outcome) && !(outcome.Status == 503 && outcome.RetryProblem)));
        Assert.True(crashService < FullServiceBound.TotalSeconds, $"full service came back {crashService:F2} s after SIGKILL");
        await silos[1].StartAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));

        // A partition: the third silo's link goes down, then up again. Declared dead meanwhile, the
        // silo stops itself when it can see the cluster again, and is started again.
        var cut = Now();
        await network.SetLink(2, up: false);
        await Task.Delay(TimeSpan.FromSeconds(8));
        await network.SetLink(2, up: true);
        var restored = Now();
        var stoppedItself = await silos[2].Exited(TimeSpan.FromSeconds(30));
        if (stoppedItself) await silos[2].StartAsync();
        await Task.Delay(TimeSpan.FromSeconds(3));
        var partition = load.Between(cut, Now());
        var partitionService = FullServiceAfter(load.Between(cut, restored), cut);
        output.WriteLine($"Link down for {restored - cut:F2} s: {partition.Count} requests until the silo was back, {partition.Count(Failed)} not 2xx ({Statuses(partition)}); " +
                         $"full service {partitionService:F2} s after the cut; the cut silo {(stoppedItself ? "stopped itself and was started again" : "carried on")}.");
        // A request caught waiting on the cut silo's grains gets the API's 504 at its deadline, which says to send it again.
        AssertNone(partition.Where(outcome => Failed(outcome) && !outcome.RetryProblem));
        Assert.True(partitionService < FullServiceBound.TotalSeconds, $"full service came back {partitionService:F2} s after the cut");

        await stop.CancelAsync();
        await running;
        var acknowledged = load.Acknowledged.ToList();
        output.WriteLine($"{acknowledged.Count} writes acknowledged, {load.Outcomes.Count} requests in all.");
        Assert.Empty(load.NeverAcknowledged);
        await ClusterOracle.AssertEveryRecordIsStoredOnce(balancer.Client, hierarchy, acknowledged);
        await ClusterOracle.AssertFiguresMatchTheOracle(balancer.Client, hierarchy, acknowledged);
    }

    /// <summary>Fails naming every outcome, each in full, when there is any.</summary>
    private void AssertNone(IEnumerable<BalancedLoad.Outcome> outcomes)
    {
        var described = outcomes.Select(Describe).ToList();
        foreach (var line in described) output.WriteLine(line);
        Assert.True(described.Count == 0, string.Join("\n", described));
    }

    private static bool Failed(BalancedLoad.Outcome outcome) => outcome.Status is not (>= 200 and < 300);

    /// <summary>Seconds from <paramref name="fault"/> to the answer of the last request that failed (0 when none did).</summary>
    private static double FullServiceAfter(List<BalancedLoad.Outcome> outcomes, double fault) =>
        outcomes.Where(Failed).Select(outcome => outcome.Answered - fault).DefaultIfEmpty(0).Max();

    private static string Statuses(List<BalancedLoad.Outcome> outcomes) =>
        string.Join(", ", outcomes.GroupBy(outcome => outcome.Status).OrderBy(group => group.Key).Select(group => $"{group.Key}×{group.Count()}"));

    private static string Describe(BalancedLoad.Outcome outcome) =>
        $"{outcome.Request} asked at {outcome.Asked:F2} s: {(outcome.Status == 0 ? "no answer" : outcome.Status.ToString())} {outcome.Failure}";
}
