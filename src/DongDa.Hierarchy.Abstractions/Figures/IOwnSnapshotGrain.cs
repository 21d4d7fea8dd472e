namespace DongDa.Hierarchy.Figures;

/// <summary>Counters of an organization's older records, stored apart from the organization.</summary>
[GenerateSerializer, Immutable, Alias("dongda.OwnCounters")]
public sealed record OwnCounters
{
    [Id(0)] public required Dictionary<long, long> Counters { get; init; }

    /// <summary>How many records the counters cover.</summary>
    [Id(1)] public required int RecordCount { get; init; }

    /// <summary>The registration days as of the snapshot, for recovering a write whose own state was not stored.</summary>
    [Id(2)] public IReadOnlyList<int> RegistrationDays { get; init; } = [];
}

/// <summary>The snapshot of an organization's older own counters, keyed by the organization's id.</summary>
[Alias("dongda.IOwnSnapshotGrain")]
public interface IOwnSnapshotGrain : IGrainWithStringKey
{
    [Alias("Get")]
    Task<OwnCounters?> Get();

    [Alias("Put")]
    Task Put(OwnCounters counters);
}
