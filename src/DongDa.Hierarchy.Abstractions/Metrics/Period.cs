namespace DongDa.Hierarchy.Metrics;

/// <summary>A period of whole days, inclusive at both ends; a missing end is unbounded.</summary>
[GenerateSerializer, Immutable, Alias("dongda.Period")]
public sealed record Period
{
    [Id(0)] public DateOnly? From { get; init; }
    [Id(1)] public DateOnly? To { get; init; }

    public bool Contains(DateOnly date) => (From is not { } from || date >= from) && (To is not { } to || date <= to);

    /// <summary>How many calendar months a bounded period touches, partial first and last months included.</summary>
    public int MonthCount()
    {
        var (from, to) = Bounds();
        return (to.Year - from.Year) * 12 + to.Month - from.Month + 1;
    }

    /// <summary>The calendar months a bounded period spans, each clipped to the period's ends.</summary>
    public IReadOnlyList<Period> Months()
    {
        var (from, to) = Bounds();
        var months = new List<Period>(Math.Max(0, MonthCount()));
        for (var start = new DateOnly(from.Year, from.Month, 1); start <= to; start = start.AddMonths(1))
        {
            var end = start.AddMonths(1).AddDays(-1);
            months.Add(new Period { From = start < from ? from : start, To = end > to ? to : end });
        }

        return months;
    }

    private (DateOnly From, DateOnly To) Bounds() =>
        From is { } from && To is { } to ? (from, to) : throw new InvalidOperationException("Only a period with both ends has months.");
}
