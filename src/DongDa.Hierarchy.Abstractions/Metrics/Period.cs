namespace DongDa.Hierarchy.Metrics;

/// <summary>A period of whole days, inclusive at both ends; a missing end is unbounded.</summary>
[GenerateSerializer, Immutable, Alias("dongda.Period")]
public sealed record Period
{
    [Id(0)] public DateOnly? From { get; init; }
    [Id(1)] public DateOnly? To { get; init; }

    public bool Contains(DateOnly date) => (From is not { } from || date >= from) && (To is not { } to || date <= to);
}
