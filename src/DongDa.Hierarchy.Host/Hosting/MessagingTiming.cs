using Orleans.Configuration;

namespace DongDa.Hierarchy.Host.Hosting;

/// <summary>
/// How long a grain call, a call of the Orleans runtime between silos, and a grain's placement may
/// take on a PostgreSQL cluster. Orleans allows each 30 s. A call caught by a silo's death is
/// normally released as soon as the silo is declared dead; one that is not holds its caller for
/// those 30 s, and with it every write below the district that awaits the same notification of its
/// parent. A message waits in placement behind the placement under way for its grain, and that one
/// waits on directory calls, so all three bounds are lowered; such a wait ends within
/// <see cref="ResponseTimeout"/>, and the retry places the grain anew (the README's failover
/// section has the run that showed it). Each value can be overridden under <c>Hierarchy:Messaging</c> with the names of
/// <see cref="SiloMessagingOptions"/>.
/// </summary>
public static class MessagingTiming
{
    /// <summary>
    /// Any grain call. Above the API's own deadline (<see cref="Api.ApiLimits.RequestTimeout"/>, 10 s),
    /// which answers first, and well above the slowest calls without that deadline: loading the
    /// dataset at start, whose largest call stores all of the district's own records, and summing the
    /// district from cold storage (their measured times are in the README).
    /// </summary>
    public static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Directory and other runtime calls between silos; they take milliseconds when the other silo lives.</summary>
    public static readonly TimeSpan SystemResponseTimeout = TimeSpan.FromSeconds(8);

    /// <summary>Placement with its retries; inside <see cref="ResponseTimeout"/>, so that the caller hears why.</summary>
    public static readonly TimeSpan PlacementTimeout = TimeSpan.FromSeconds(12);

    /// <summary>
    /// Orleans warns of a request processed or queued this long; its default of 20 s would come only
    /// after the caller has given up, and Orleans asks for these to be shorter than the response
    /// timeout by its workload analysis period (5 s).
    /// </summary>
    public static readonly TimeSpan SlowRequestWarning = TimeSpan.FromSeconds(10);

    public static void Apply(SiloMessagingOptions options)
    {
        options.ResponseTimeout = ResponseTimeout;
        options.SystemResponseTimeout = SystemResponseTimeout;
        options.PlacementTimeout = PlacementTimeout;
        options.RequestProcessingWarningTime = SlowRequestWarning;
        options.RequestQueueDelayWarningTime = SlowRequestWarning;
    }
}
