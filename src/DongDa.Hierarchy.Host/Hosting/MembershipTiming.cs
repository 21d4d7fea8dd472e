using Orleans.Configuration;

namespace DongDa.Hierarchy.Host.Hosting;

/// <summary>
/// How fast a cluster on PostgreSQL declares a silo dead. Orleans' defaults (5 s probes, three
/// missed, two votes) suit clusters of many machines across a network and take many seconds to
/// declare a silo dead (the README has the figures); the silos of this system run on one machine, so probes are tightened and a dead silo
/// is declared in a few seconds. Orleans 10 adapts each probe's timeout to the round trips it has
/// seen, between a floor and a cap; on a busy machine those round trips grow, so the cap is kept
/// at <see cref="MaxProbeFactor"/> × the probe timeout, and a killed silo is typically declared
/// dead within that × <see cref="MissedProbes"/>. The cost is that a silo paused longer than that
/// (a long GC pause, a suspended VM) is declared dead too and must restart; Orleans' own guards
/// still hold: a probe lost to a stall of the prober counts as no answer rather than a miss, and
/// no vote is cast against a silo whose connection is still delivering messages. Each value can be
/// overridden under <c>Hierarchy:Membership</c> with the names of <see cref="ClusterMembershipOptions"/>.
/// </summary>
public static class MembershipTiming
{
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(1);

    /// <summary>The cap of an adaptive probe timeout, as a multiple of the probe timeout; Orleans' default is 4.</summary>
    public const int MaxProbeFactor = 2;

    public const int MissedProbes = 2;

    public const int VotesForDeath = 1;

    public static readonly TimeSpan TableRefresh = TimeSpan.FromSeconds(5);

    public static void Apply(ClusterMembershipOptions options)
    {
        options.ProbeTimeout = ProbeTimeout;
        options.NumMissedProbesLimit = MissedProbes;
        options.NumVotesForDeathDeclaration = VotesForDeath;
        options.TableRefreshTimeout = TableRefresh;
    }

    /// <summary>
    /// The floor and cap of adaptive probe timeouts follow the probe timeout finally configured,
    /// unless set themselves: Orleans refuses to start when the probe timeout lies outside them, so
    /// raising it alone must not stop the silo. The floor is the probe timeout itself; Orleans'
    /// default of half of it is too short on a starved machine.
    /// </summary>
    /// <param name="options">The options after configuration was bound.</param>
    /// <param name="membership">The <c>Hierarchy:Membership</c> section.</param>
    public static void BoundProbes(ClusterMembershipOptions options, IConfiguration membership)
    {
        if (membership[nameof(ClusterMembershipOptions.MinProbeTimeout)] is null) options.MinProbeTimeout = options.ProbeTimeout;
        if (membership[nameof(ClusterMembershipOptions.MaxProbeTimeout)] is null) options.MaxProbeTimeout = options.ProbeTimeout * MaxProbeFactor;
    }
}
