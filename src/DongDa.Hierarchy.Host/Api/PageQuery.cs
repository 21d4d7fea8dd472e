using System.Buffers.Text;
using System.Globalization;
using System.Text;
using DongDa.Hierarchy.Metrics;
using DongDa.Hierarchy.Records;

namespace DongDa.Hierarchy.Host.Api;

/// <summary>The query of a record listing: <c>from</c>, <c>to</c>, <c>limit</c> and an opaque <c>cursor</c>.</summary>
public sealed class PageQuery : IBoundInput
{
    private PageQuery(Period period, int limit, RecordPosition? after, IResult? problem)
    {
        Period = period;
        Limit = limit;
        After = after;
        Problem = problem;
    }

    public Period Period { get; }
    public int Limit { get; }
    public RecordPosition? After { get; }
    public IResult? Problem { get; }

    public static ValueTask<PageQuery?> BindAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var errors = new ValidationErrors();
        var period = PeriodQuery.Parse(query, errors);
        var limit = ParseLimit(query, errors);
        var after = ParseCursor(query, errors);
        return ValueTask.FromResult<PageQuery?>(new PageQuery(period, limit, after, errors.Any ? Problems.Invalid(errors) : null));
    }

    public RecordQuery For(RecordKind kind) => new() { Kind = kind, Period = Period, Limit = Limit, After = After };

    internal static int ParseLimit(IQueryCollection query, ValidationErrors errors)
    {
        if (!query.TryGetValue("limit", out var values) || string.IsNullOrEmpty(values[0])) return ApiLimits.DefaultPageSize;
        if (values.Count == 1
            && int.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out var limit)
            && limit is >= 1 and <= ApiLimits.MaxPageSize)
        {
            return limit;
        }

        errors.Add("limit", $"Must be a whole number from 1 to {ApiLimits.MaxPageSize}.");
        return ApiLimits.DefaultPageSize;
    }

    private static RecordPosition? ParseCursor(IQueryCollection query, ValidationErrors errors)
    {
        if (!query.TryGetValue("cursor", out var values) || string.IsNullOrEmpty(values[0])) return null;
        if (values.Count == 1 && RecordCursor.TryDecode(values[0]!, out var position)) return position;
        errors.Add("cursor", "Not a cursor this API gave out.");
        return null;
    }
}

/// <summary>Encodes a listing position as an opaque, URL-safe cursor.</summary>
public static class RecordCursor
{
    public static string Encode(RecordPosition position) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{position.Date:yyyy-MM-dd}|{position.RecordId}"));

    public static bool TryDecode(string cursor, out RecordPosition? position)
    {
        position = null;
        if (cursor.Length > 256) return false;
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(cursor);
        }
        catch (FormatException)
        {
            return false;
        }

        var text = Encoding.UTF8.GetString(bytes);
        var separator = text.IndexOf('|');
        if (separator < 0
            || !DateOnly.TryParseExact(text[..separator], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return false;
        }

        var recordId = text[(separator + 1)..];
        var check = new ValidationErrors();
        check.RecordId("cursor", recordId);
        if (recordId.Length == 0 || check.Any) return false;
        position = new RecordPosition { Date = date, RecordId = recordId };
        return true;
    }
}
