namespace DongDa.Hierarchy.Grains.Figures;

/// <summary>
/// An organization's own records, summed per day and figure. Stored with the organization instead
/// of its records, so that rollups never read records and its size follows the days worked, not
/// the number of records.
/// </summary>
[GenerateSerializer, Alias("dongda.OwnSummary")]
public sealed record OwnSummary
{
    /// <summary>Counters keyed by day and figure (level-free: the level is the organization's, applied when summed).</summary>
    [Id(0)] public Dictionary<long, long> Counters { get; set; } = [];

    /// <summary>The distinct days with a Hồ Chí Minh study registration, ascending.</summary>
    [Id(1)] public List<int> RegistrationDays { get; set; } = [];

    /// <summary>How many records the summary covers, in arrival order across the record pages.</summary>
    [Id(2)] public int RecordCount { get; set; }

    /// <summary>A copy to change, so that the stored summary stays as it was until the change is stored.</summary>
    public OwnSummary Copy() => new() { Counters = new(Counters), RegistrationDays = [.. RegistrationDays], RecordCount = RecordCount };
}
