using System.Net;
using DongDa.Hierarchy.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace DongDa.Hierarchy.Api.Tests;

/// <summary>The sum of the districts at start is a head start only: when it fails, the host starts anyway and its first reader sums.</summary>
public sealed class StartupPreSumTests
{
    /// <summary>Fails the first drill-down, which is the start-up sum, as a silo too slow to answer would.</summary>
    private sealed class FirstDrilldownTimesOut : IIncomingGrainCallFilter
    {
        private int _calls;

        public Task Invoke(IIncomingGrainCallContext context) =>
            context.InterfaceMethod.Name == nameof(IOrganizationGrain.Drilldown) && Interlocked.Increment(ref _calls) == 1
                ? throw new TimeoutException("The start-up sum timed out.")
                : context.Invoke();
    }

    [Fact]
    public async Task A_failed_sum_at_start_leaves_the_host_serving_the_seeded_district()
    {
        await using var store = new SqliteTestStore();
        await using var host = new HostFactory(store, seed: true,
            services => services.AddSingleton<IIncomingGrainCallFilter, FirstDrilldownTimesOut>());

        using var drilldown = await host.CreateClient().GetAsync("/api/v1/orgs/dong-da/drilldown");

        Assert.Equal(HttpStatusCode.OK, drilldown.StatusCode);
    }
}
