namespace DongDa.Hierarchy.Metrics;

/// <summary>A period of whole days, inclusive at both ends; a missing end is unbounded.</summary>
[GenerateSerializer, Immutable, Alias("dongda.Period")]
public sealed record Period
{
    [Id(0)] public DateOnly? From { get; init; }
    [Id(1)] public DateOnly? To { get; init; }

    public bool Contains(DateOnly date) => (From is not { } from || date >= from) && (To is not { } to || date <= to);

    /// <summary>The calendar months a bounded period spans, each clipped to the period's ends.</summary>
    public IReadOnlyList<Period> Months()
    {
        if (From is not { } from || To is not { } to) throw new InvalidOperationException("Only a period with both ends has months.");
        var months = new List<Period>();
        for (var start = new DateOnly(from.Year, from.Month, 1); start <= to; start = start.AddMonths(1))
        {
            var end = start.AddMonths(1).AddDays(-1);
            months.Add(new Period { From = start < from ? from : start, To = end > to ? to : end });
        }

        return months;
    }
}
