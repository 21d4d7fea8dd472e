using DongDa.Hierarchy.Metrics;

namespace DongDa.Hierarchy.Reports;

/// <summary>
/// Everything a report is written from, as the host gathers it from the grains: the
/// organization's drill-down for the period, its rollup for the previous period of equal length
/// (<see cref="ReportPeriods.Previous"/>), and its parent's name.
/// </summary>
public sealed record ReportInput
{
    /// <summary>The organization's rollup for <see cref="Period"/> (the drill-down's node): its details, counts and figures by conducting level.</summary>
    public required SubtreeRollup Current { get; init; }

    /// <summary>The same organization's rollup for <see cref="ReportPeriods.Previous"/> of <see cref="Period"/>.</summary>
    public required SubtreeRollup Previous { get; init; }

    /// <summary>The rollups of its children for <see cref="Period"/>, in the order the annex lists them (the drill-down's, by name).</summary>
    public required IReadOnlyList<SubtreeRollup> Children { get; init; }

    /// <summary>The parent's name; null for the district, whose body above is named by the templates.</summary>
    public string? ParentName { get; init; }

    /// <summary>The reported period; both ends are required.</summary>
    public required Period Period { get; init; }

    /// <summary>The date of the document (ngày … tháng … năm …).</summary>
    public required DateOnly Today { get; init; }

    /// <summary>A language of the templates: "vi" or "en" in the shipped file.</summary>
    public string Language { get; init; } = "vi";
}

/// <summary>The periods a report compares.</summary>
public static class ReportPeriods
{
    /// <summary>
    /// The period of equal length just before <paramref name="period"/>: as many whole months when
    /// it is made of whole months (so a quarter compares with the quarter before), else as many days.
    /// </summary>
    public static Period Previous(Period period)
    {
        var (from, to) = Bounds(period);
        if (from.Day == 1 && to.AddDays(1).Day == 1)
        {
            var months = period.MonthCount();
            return new Period { From = from.AddMonths(-months), To = from.AddDays(-1) };
        }

        var days = to.DayNumber - from.DayNumber + 1;
        return new Period { From = from.AddDays(-days), To = from.AddDays(-1) };
    }

    internal static (DateOnly From, DateOnly To) Bounds(Period period) =>
        period is { From: { } from, To: { } to } && from <= to
            ? (from, to)
            : throw new ArgumentException("A report needs a period with both ends, the start not after the end.", nameof(period));
}
