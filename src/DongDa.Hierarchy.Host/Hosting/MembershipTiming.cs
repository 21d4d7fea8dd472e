using Orleans.Configuration;

namespace DongDa.Hierarchy.Host.Hosting;

/// <summary>
/// How fast a cluster on PostgreSQL declares a silo dead. Orleans' defaults (5 s probes, three
/// missed, two votes) suit clusters of many machines across a network and took 12–17 s on one
/// machine; the silos of this system run on one machine, so probes are tightened and a dead silo
/// is declared in a few seconds. The cost is that a silo paused longer than
/// <see cref="ProbeTimeout"/> × <see cref="MissedProbes"/> (a long GC pause, a suspended VM) is
/// declared dead too and must restart. Each value can be overridden under <c>Hierarchy:Membership</c>
/// with the names of <see cref="ClusterMembershipOptions"/>.
/// </summary>
public static class MembershipTiming
{
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(1);

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
}
