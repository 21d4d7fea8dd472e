using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DongDa.Hierarchy.TestSupport;
using Xunit.Abstractions;

namespace DongDa.Hierarchy.Cluster.Tests;

/// <summary>
/// Two silo processes on PostgreSQL; one is killed with SIGKILL while records are being written
/// through both. Nothing acknowledged is lost, the figures stay exact, no answer is a 500, the
/// survivor serves everything again, and the killed silo rejoins.
/// </summary>
public sealed class SiloFailoverTests(ITestOutputHelper output)
{
    private const int Writes = 480;
    private const int Writers = 8;

    /// <summary>
    /// Generous against the 2–5 s usual, so that only a cluster that does not heal fails: the dead
    /// silo is declared in about 2 s, and a wait it caught ends within the silos' 15 s response timeout.
    /// </summary>
    private static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(30);

    /// <summary>Membership decisions in the silos' logs, to tell from a failure whether and when the survivor declared the other dead.</summary>
    private static readonly Dictionary<string, string> MembershipLogging = new()
    {
        ["Logging__LogLevel__Orleans.Runtime.MembershipService"] = "Information",
    };

    [Fact]
    public async Task A_silo_killed_mid_load_loses_no_acknowledged_write_and_the_survivor_serves_every_organization_again()
    {
        await using var store = await PostgreSqlTestStore.CreateAsync();
        // Started together, so that both apply the schema and join the membership table at once.
        var starting = new[] { HostProcess.StartAsync("a", store, environment: MembershipLogging), HostProcess.StartAsync("b", store, environment: MembershipLogging) };
        try
        {
            await Task.WhenAll(starting);
        }
        catch
        {
            foreach (var started in starting.Where(task => task.IsCompletedSuccessfully)) await (await started).DisposeAsync();
            throw;
        }

        await using var a = await starting[0];
        await using var b = await starting[1];

        try
        {
            await KillOneMidLoadAndRestartIt(a, b);
        }
        catch
        {
            // A failure here shows up only in CI's console; the silos' own account of it goes with it.
            output.WriteLine($"--- survivor a's log ---\n{a.LogTail(150, withStackTraces: false)}\n--- b's log ---\n{b.LogTail(60, withStackTraces: false)}");
            throw;
        }
    }

    private async Task KillOneMidLoadAndRestartIt(HostProcess a, HostProcess b)
    {
        var hierarchy = new TestHierarchy("fo");
        await hierarchy.CreateAsync(a.Client);
        var random = new Random(20261129);
        var writes = Enumerable.Range(0, Writes)
            .Select(i => PlannedWrite.Random(random, hierarchy.Orgs[random.Next(hierarchy.Orgs.Count)], $"load-{i}"))
            .ToList();

        var bAlive = true;
        var load = new WriteLoad(writes, index => index % 2 == 1 && Volatile.Read(ref bAlive) ? b : a, signalAfter: Writes / 3, deadlineIsRetryable: true);
        var loading = load.RunAsync(Writers);

        Assert.Same(load.Midway, await Task.WhenAny(load.Midway, loading));
        var sinceKill = Stopwatch.StartNew();
        b.Kill();
        Volatile.Write(ref bAlive, false);
        var probeViolations = new List<string>();
        var recovery = await UntilEveryOrganizationIsServed(a, hierarchy, sinceKill, probeViolations);
        await loading;

        output.WriteLine($"Acknowledged {load.Acknowledged} of {Writes} writes; answers {Describe(load.Answers)}; {load.Unanswered} attempts unanswered.");
        output.WriteLine($"The survivor served all {hierarchy.Orgs.Count} organizations again {recovery.TotalSeconds:F2} s after SIGKILL.");

        Assert.Empty(load.Violations);
        Assert.Empty(probeViolations);
        Assert.Equal(Writes, load.Acknowledged);
        Assert.True(recovery < RecoveryBound, $"serving everything again took {recovery}");

        await ClusterOracle.AssertEveryRecordIsStoredOnce(a.Client, hierarchy, writes);
        await ClusterOracle.AssertFiguresMatchTheOracle(a.Client, hierarchy, writes);

        var sinceRestart = Stopwatch.StartNew();
        await b.StartAsync();
        output.WriteLine($"The killed silo was started again and ready {sinceRestart.Elapsed.TotalSeconds:F2} s later.");
        var rejoin = await UntilEveryOrganizationIsServed(b, hierarchy, sinceRestart, probeViolations);
        Assert.Empty(probeViolations);
        Assert.True(rejoin < RecoveryBound, $"the restarted silo took {rejoin} to serve everything");

        var afterRejoin = Enumerable.Range(0, 40)
            .Select(i => PlannedWrite.Random(random, hierarchy.Orgs[random.Next(hierarchy.Orgs.Count)], $"rejoined-{i}"))
            .ToList();
        var rejoinedLoad = new WriteLoad(afterRejoin, _ => b, signalAfter: afterRejoin.Count);
        await rejoinedLoad.RunAsync(Writers);
        Assert.Empty(rejoinedLoad.Violations);
        Assert.Equal(afterRejoin.Count, rejoinedLoad.Acknowledged);

        var everything = writes.Concat(afterRejoin).ToList();
        await ClusterOracle.AssertFiguresMatchTheOracle(a.Client, hierarchy, everything);
        await ClusterOracle.AssertFiguresMatchTheOracle(b.Client, hierarchy, everything);
        Assert.Equal(
            (await a.Client.GetFromJsonAsync<JsonNode>($"/api/v1/orgs/{hierarchy.Root.Id}/drilldown"))!.ToJsonString(),
            (await b.Client.GetFromJsonAsync<JsonNode>($"/api/v1/orgs/{hierarchy.Root.Id}/drilldown"))!.ToJsonString());
    }

    /// <summary>Passes over every organization's metrics until one pass is answered 200 throughout; the time that took since <paramref name="since"/> started.</summary>
    private static async Task<TimeSpan> UntilEveryOrganizationIsServed(HostProcess silo, TestHierarchy hierarchy, Stopwatch since, List<string> violations)
    {
        while (since.Elapsed < RecoveryBound * 2)
        {
            var allServed = true;
            foreach (var org in hierarchy.Orgs)
            {
                try
                {
                    using var response = await silo.Client.GetAsync($"/api/v1/orgs/{org.Id}/metrics");
                    if (response.StatusCode == HttpStatusCode.OK) continue;
                    if (response.StatusCode is not (HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout) || !WriteLoad.IsRetryProblem(response))
                    {
                        violations.Add($"{(int)response.StatusCode} for metrics of {org.Id}: {await response.Content.ReadAsStringAsync()}");
                    }
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
                {
                    violations.Add($"no answer from the survivor for metrics of {org.Id}: {exception.Message}");
                }

                allServed = false;
            }

            if (allServed) return since.Elapsed;
            await Task.Delay(50);
        }

        return since.Elapsed;
    }

    private static string Describe(IDictionary<int, int> answers) =>
        string.Join(", ", answers.OrderBy(pair => pair.Key).Select(pair => $"{pair.Key}×{pair.Value}"));
}
