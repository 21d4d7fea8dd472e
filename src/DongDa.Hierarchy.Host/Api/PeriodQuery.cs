using System.Globalization;
using DongDa.Hierarchy.Metrics;
using DongDa.Hierarchy.Validation;

namespace DongDa.Hierarchy.Host.Api;

/// <summary>The <c>from</c> and <c>to</c> query parameters: ISO dates, inclusive, either may be omitted.</summary>
public sealed class PeriodQuery : IBoundInput
{
    private PeriodQuery(Period period, IResult? problem)
    {
        Period = period;
        Problem = problem;
    }

    public Period Period { get; }

    public IResult? Problem { get; }

    public static ValueTask<PeriodQuery?> BindAsync(HttpContext context)
    {
        var errors = new ValidationErrors();
        var period = Parse(context.Request.Query, errors);
        return ValueTask.FromResult<PeriodQuery?>(new PeriodQuery(period, errors.Any ? Problems.Invalid(errors) : null));
    }

    public static Period Parse(IQueryCollection query, ValidationErrors errors)
    {
        var from = ParseDate(query, "from", errors);
        var to = ParseDate(query, "to", errors);
        if (from > to) errors.Add("to", "Must not be before 'from'.");
        return new Period { From = from, To = to };
    }

    private static DateOnly? ParseDate(IQueryCollection query, string name, ValidationErrors errors)
    {
        if (!query.TryGetValue(name, out var values)) return null;
        if (values.Count != 1)
        {
            errors.Add(name, "Give this parameter at most once.");
            return null;
        }

        var text = values[0];
        if (string.IsNullOrEmpty(text)) return null;
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            errors.Add(name, "Must be a date in the form YYYY-MM-DD.");
            return null;
        }

        if (!InputRules.IsInRange(date))
        {
            errors.Add(name, InputRules.DateRangeMessage);
            return null;
        }

        return date;
    }
}
