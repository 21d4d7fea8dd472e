using DongDa.Hierarchy.Metrics;

namespace DongDa.Hierarchy.Host.Api;

/// <summary>The period of a monthly series: <c>from</c> and <c>to</c>, both required, spanning at most <see cref="MaxMonths"/> months.</summary>
public sealed class SeriesQuery : IBoundInput
{
    /// <summary>Twenty years: four terms, with room for a custom span around them.</summary>
    public const int MaxMonths = 240;

    private SeriesQuery(Period period, IReadOnlyList<Period> months, IResult? problem)
    {
        Period = period;
        Months = months;
        Problem = problem;
    }

    public Period Period { get; }

    public IReadOnlyList<Period> Months { get; }

    public IResult? Problem { get; }

    public static ValueTask<SeriesQuery?> BindAsync(HttpContext context)
    {
        var errors = new ValidationErrors();
        var period = PeriodQuery.Parse(context.Request.Query, errors);
        IReadOnlyList<Period> months = [];
        if (!errors.Any)
        {
            if (period.From is null) errors.Add("from", "A series needs the first day of its period.");
            if (period.To is null) errors.Add("to", "A series needs the last day of its period.");
        }

        if (!errors.Any)
        {
            var count = period.MonthCount();
            if (count > MaxMonths) errors.Add("to", $"A series spans at most {MaxMonths} months; this period spans {count}.");
            else months = period.Months();
        }

        return ValueTask.FromResult<SeriesQuery?>(new SeriesQuery(period, months, errors.Any ? Problems.Invalid(errors) : null));
    }
}
