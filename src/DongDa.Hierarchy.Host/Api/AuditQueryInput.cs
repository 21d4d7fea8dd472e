using System.Globalization;
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
        var after = Cursor.Parse<AuditPosition>(query, errors, AuditCursor.TryDecode);
        var parsed = new AuditQuery { Period = period, Limit = limit, After = after };
        return ValueTask.FromResult<AuditQueryInput?>(new AuditQueryInput(parsed, errors.Any ? Problems.Invalid(errors) : null));
    }
}

/// <summary>Encodes an audit position as a <see cref="Cursor"/>: the time in UTC ticks and the entry's key.</summary>
public static class AuditCursor
{
    public static string Encode(AuditPosition position) =>
        Cursor.Encode(position.At.UtcTicks.ToString(CultureInfo.InvariantCulture), position.Key);

    public static bool TryDecode(string cursor, out AuditPosition? position)
    {
        position = null;
        if (!Cursor.TryDecode(cursor, out var time, out var key)
            || !long.TryParse(time, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks > DateTimeOffset.MaxValue.UtcTicks
            || key.Length == 0)
        {
            return false;
        }

        position = new AuditPosition { At = new DateTimeOffset(ticks, TimeSpan.Zero), Key = key };
        return true;
    }
}
