using System.Globalization;
using DongDa.Hierarchy.Metrics;
using DongDa.Hierarchy.Records;
using DongDa.Hierarchy.Validation;

namespace DongDa.Hierarchy.Host.Api;

/// <summary>
/// The query of a record listing: <c>from</c>, <c>to</c>, <c>limit</c>, an opaque <c>cursor</c>,
/// <c>includeWithdrawn</c> (<c>true</c> or <c>false</c>, the default) and <c>order</c> (<c>oldest</c>,
/// the default, or <c>newest</c>: latest date first; a cursor goes on in the order it was given for).
/// </summary>
public sealed class PageQuery : IBoundInput
{
    private PageQuery(Period period, int limit, RecordPosition? after, bool includeWithdrawn, bool newestFirst, IResult? problem)
    {
        NewestFirst = newestFirst;
        Period = period;
        Limit = limit;
        After = after;
        IncludeWithdrawn = includeWithdrawn;
        Problem = problem;
    }

    public Period Period { get; }
    public int Limit { get; }
    public RecordPosition? After { get; }
    public bool IncludeWithdrawn { get; }
    public bool NewestFirst { get; }
    public IResult? Problem { get; }

    public static ValueTask<PageQuery?> BindAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var errors = new ValidationErrors();
        var period = PeriodQuery.Parse(query, errors);
        var limit = ParseLimit(query, errors);
        var after = Cursor.Parse<RecordPosition>(query, errors, RecordCursor.TryDecode);
        var includeWithdrawn = query.TryGetValue("includeWithdrawn", out var values) && values.ToString() switch
        {
            "true" => true,
            "false" or "" => false,
            _ => Refuse(errors, "includeWithdrawn", "Must be true or false, once."),
        };
        var newestFirst = query.TryGetValue("order", out var order) && order.ToString() switch
        {
            "newest" => true,
            "oldest" or "" => false,
            _ => Refuse(errors, "order", "Must be oldest or newest, once."),
        };
        return ValueTask.FromResult<PageQuery?>(new PageQuery(period, limit, after, includeWithdrawn, newestFirst, errors.Any ? Problems.Invalid(errors) : null));

        static bool Refuse(ValidationErrors errors, string field, string rule)
        {
            errors.Add(field, rule);
            return false;
        }
    }

    public RecordQuery For(RecordKind kind) => new() { Kind = kind, Period = Period, Limit = Limit, After = After, IncludeWithdrawn = IncludeWithdrawn, NewestFirst = NewestFirst };

    /// <summary>The <c>limit</c> parameter: absent means <paramref name="fallback"/>, otherwise a whole number from 1 to <paramref name="max"/>.</summary>
    internal static int ParseLimit(IQueryCollection query, ValidationErrors errors, int fallback = ApiLimits.DefaultPageSize, int max = ApiLimits.MaxPageSize)
    {
        if (!query.TryGetValue("limit", out var values) || string.IsNullOrEmpty(values[0])) return fallback;
        if (values.Count == 1
            && int.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out var limit)
            && limit is >= 1 && limit <= max)
        {
            return limit;
        }

        errors.Add("limit", $"Must be a whole number from 1 to {max}.");
        return fallback;
    }
}

/// <summary>Encodes a record listing position as a <see cref="Cursor"/>: the date and the record id.</summary>
public static class RecordCursor
{
    public static string Encode(RecordPosition position) => Cursor.Encode($"{position.Date:yyyy-MM-dd}", position.RecordId);

    public static bool TryDecode(string cursor, out RecordPosition? position)
    {
        position = null;
        if (!Cursor.TryDecode(cursor, out var day, out var recordId)
            || !DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return false;
        }

        if (!InputRules.IsRecordId(recordId)) return false;
        position = new RecordPosition { Date = date, RecordId = recordId };
        return true;
    }
}
