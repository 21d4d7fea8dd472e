using System.Buffers.Text;
using System.Globalization;
using System.Text;
using DongDa.Hierarchy.Audit;

namespace DongDa.Hierarchy.Host.Api;

/// <summary>The query of an audit listing: <c>from</c>, <c>to</c> (dates of the writes), <c>limit</c> and an opaque <c>cursor</c>.</summary>
public sealed class AuditQueryInput : IBoundInput
{
    private AuditQueryInput(AuditQuery query, IResult? problem)
    {
        Query = query;
        Problem = problem;
    }

    public AuditQuery Query { get; }
    public IResult? Problem { get; }

    public static ValueTask<AuditQueryInput?> BindAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var errors = new ValidationErrors();
        var period = PeriodQuery.Parse(query, errors);
        var limit = PageQuery.ParseLimit(query, errors);
        AuditPosition? after = null;
        if (query.TryGetValue("cursor", out var cursor) && !string.IsNullOrEmpty(cursor[0]))
        {
            if (cursor.Count != 1 || !AuditCursor.TryDecode(cursor[0]!, out after)) errors.Add("cursor", "Not a cursor this API gave out.");
        }

        var parsed = new AuditQuery { Period = period, Limit = limit, After = after };
        return ValueTask.FromResult<AuditQueryInput?>(new AuditQueryInput(parsed, errors.Any ? Problems.Invalid(errors) : null));
    }
}

/// <summary>Encodes an audit position as an opaque, URL-safe cursor.</summary>
public static class AuditCursor
{
    public static string Encode(AuditPosition position) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{position.At.UtcTicks.ToString(CultureInfo.InvariantCulture)}|{position.Key}"));

    public static bool TryDecode(string cursor, out AuditPosition? position)
    {
        position = null;
        if (cursor.Length > 256) return false;
        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (FormatException)
        {
            return false;
        }

        var separator = text.IndexOf('|');
        if (separator < 1
            || !long.TryParse(text[..separator], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks > DateTimeOffset.MaxValue.UtcTicks
            || separator == text.Length - 1)
        {
            return false;
        }

        position = new AuditPosition { At = new DateTimeOffset(ticks, TimeSpan.Zero), Key = text[(separator + 1)..] };
        return true;
    }
}
