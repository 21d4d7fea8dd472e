namespace DongDa.Hierarchy.Grains.Figures;

/// <summary>
/// What the organization stores with itself about its own records: the counters of the records
/// since the last snapshot (the tail), the days it organized Hồ Chí Minh study registration, and
/// how many records there are. Older counters live in <see cref="DongDa.Hierarchy.Figures.IOwnSnapshotGrain"/>, written
/// once every <see cref="OwnSummary.SnapshotEvery"/> records, so that the state written with each
/// record stays small however long the history.
/// </summary>
[GenerateSerializer, Alias("dongda.OwnSummary")]
public sealed record OwnSummary
{
    /// <summary>How many records the tail may hold before its counters fold into the snapshot.</summary>
    public const int SnapshotEvery = 512;

    /// <summary>Counters of the records after the snapshot, keyed by day and figure (level-free).</summary>
    [Id(0)] public Dictionary<long, long> Counters { get; set; } = [];

    /// <summary>The distinct days with a Hồ Chí Minh study registration, ascending.</summary>
    [Id(1)] public List<int> RegistrationDays { get; set; } = [];

    /// <summary>How many records the summary covers, in arrival order across the record pages.</summary>
    [Id(2)] public int RecordCount { get; set; }

    /// <summary>How many of them the snapshot covers; 0 when there is none.</summary>
    [Id(3)] public int SnapshotRecords { get; set; }

    public int TailRecords => RecordCount - SnapshotRecords;

    /// <summary>A copy to change, so that the stored summary stays as it was until the change is stored.</summary>
    public OwnSummary Copy() => this with { Counters = new(Counters), RegistrationDays = [.. RegistrationDays] };
}
