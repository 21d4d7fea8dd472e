using System.Net;
using DongDa.Hierarchy.Host.Hosting;
using DongDa.Hierarchy.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace DongDa.Hierarchy.Api.Tests;

/// <summary>A host on PostgreSQL runs its silo with the cluster's timings, and an operator can move them without stopping it from starting.</summary>
public sealed class ClusterTimingTests
{
    [Fact]
    public async Task A_PostgreSql_silo_declares_deaths_and_gives_up_waits_on_the_cluster_timings()
    {
        var (membership, messaging) = await TimingsOfAStartedHost(new Dictionary<string, string>());

        Assert.Equal(MembershipTiming.ProbeTimeout, membership.ProbeTimeout);
        Assert.Equal(MembershipTiming.ProbeTimeout, membership.MinProbeTimeout);
        Assert.Equal(MembershipTiming.ProbeTimeout * MembershipTiming.MaxProbeFactor, membership.MaxProbeTimeout);
        Assert.Equal(MembershipTiming.MissedProbes, membership.NumMissedProbesLimit);
        Assert.Equal(MessagingTiming.ResponseTimeout, messaging.ResponseTimeout);
        Assert.Equal(MessagingTiming.SystemResponseTimeout, messaging.SystemResponseTimeout);
        Assert.Equal(MessagingTiming.PlacementTimeout, messaging.PlacementTimeout);
        Assert.True(messaging.RequestProcessingWarningTime < messaging.ResponseTimeout);
    }

    [Fact]
    public async Task Raising_only_the_probe_timeout_starts_the_silo_with_probe_bounds_that_follow_it()
    {
        var (membership, _) = await TimingsOfAStartedHost(new Dictionary<string, string>
        {
            ["Hierarchy:Membership:ProbeTimeout"] = "00:00:05",
        });

        Assert.Equal(TimeSpan.FromSeconds(5), membership.MinProbeTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5) * MembershipTiming.MaxProbeFactor, membership.MaxProbeTimeout);
    }

    [Fact]
    public async Task Probe_bounds_and_timeouts_set_by_the_operator_are_kept()
    {
        var (membership, messaging) = await TimingsOfAStartedHost(new Dictionary<string, string>
        {
            ["Hierarchy:Membership:ProbeTimeout"] = "00:00:05",
            ["Hierarchy:Membership:MinProbeTimeout"] = "00:00:02.5",
            ["Hierarchy:Membership:MaxProbeTimeout"] = "00:00:20",
            ["Hierarchy:Messaging:ResponseTimeout"] = "00:00:30",
        });

        Assert.Equal(TimeSpan.FromSeconds(2.5), membership.MinProbeTimeout);
        Assert.Equal(TimeSpan.FromSeconds(20), membership.MaxProbeTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), messaging.ResponseTimeout);
    }

    /// <summary>The timings of a host that started and took a write, so that Orleans has accepted them.</summary>
    private static async Task<(ClusterMembershipOptions, SiloMessagingOptions)> TimingsOfAStartedHost(IReadOnlyDictionary<string, string> settings)
    {
        await using var store = await PostgreSqlTestStore.CreateAsync();
        await using var host = new HostFactory(store, seed: false, settings: settings);
        var (status, _) = await host.CreateClient().Put("/api/v1/orgs/timing-d", Builders.Org("Quận", "district", null));
        Assert.Equal(HttpStatusCode.Created, status);
        return (host.Services.GetRequiredService<IOptions<ClusterMembershipOptions>>().Value,
            host.Services.GetRequiredService<IOptions<SiloMessagingOptions>>().Value);
    }
}
