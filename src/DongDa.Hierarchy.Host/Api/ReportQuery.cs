using DongDa.Hierarchy.Metrics;
using DongDa.Hierarchy.Seeding;

namespace DongDa.Hierarchy.Host.Api;

public enum ReportFormat
{
    Html,
    Docx,
}

/// <summary>
/// The query of a report: <c>from</c> and <c>to</c> as for metrics, where an omitted <c>from</c> is
/// the start of the term and an omitted <c>to</c> is today in Hà Nội ("từ đầu nhiệm kỳ tới nay");
/// <c>format</c> (<c>html</c>, the default, or <c>docx</c>); and <c>lang</c> (<c>vi</c> or
/// <c>en</c>), else the first of those the request's <c>Accept-Language</c> names, else Vietnamese.
/// </summary>
public sealed class ReportQuery : IBoundInput
{
    /// <summary>Hà Nội's offset: Vietnam keeps no daylight saving time.</summary>
    private static readonly TimeSpan HaNoi = TimeSpan.FromHours(7);

    private ReportQuery(Period period, ReportFormat format, string language, DateOnly today, IResult? problem)
    {
        Period = period;
        Format = format;
        Language = language;
        Today = today;
        Problem = problem;
    }

    /// <summary>The reported period, both ends set.</summary>
    public Period Period { get; }

    public ReportFormat Format { get; }
    public string Language { get; }

    /// <summary>The document's date, in Hà Nội.</summary>
    public DateOnly Today { get; }

    public IResult? Problem { get; }

    public static ValueTask<ReportQuery?> BindAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var errors = new ValidationErrors();
        var asked = PeriodQuery.Parse(query, errors);
        var clock = context.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System;
        var today = DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(HaNoi).DateTime);
        var period = new Period { From = asked.From ?? Dataset.Term.From, To = asked.To ?? today };
        if (!errors.Any && period.From > period.To) errors.Add(asked.From is null ? "to" : "from", $"The period must end on or after its start; without 'to' it ends today ({today:yyyy-MM-dd}).");
        var format = QueryValues.One(query, "format", errors) switch
        {
            null or "html" => ReportFormat.Html,
            "docx" => ReportFormat.Docx,
            _ => Refuse(errors, "format", "Must be html or docx.", ReportFormat.Html),
        };
        var language = QueryValues.One(query, "lang", errors) switch
        {
            null => FromAcceptLanguage(context.Request),
            var chosen when chosen is "vi" or "en" => chosen,
            _ => Refuse(errors, "lang", "Must be vi or en.", "vi"),
        };
        return ValueTask.FromResult<ReportQuery?>(new ReportQuery(period, format, language, today, errors.Any ? Problems.Invalid(errors) : null));
    }

    /// <summary>The first of vi and en the browser prefers, by its quality values; Vietnamese when it names neither.</summary>
    private static string FromAcceptLanguage(HttpRequest request) =>
        request.GetTypedHeaders().AcceptLanguage
            .OrderByDescending(language => language.Quality ?? 1)
            .Select(language => language.Value.Value?.Split('-')[0].ToLowerInvariant())
            .FirstOrDefault(language => language is "vi" or "en") ?? "vi";

    private static T Refuse<T>(ValidationErrors errors, string field, string rule, T fallback)
    {
        errors.Add(field, rule);
        return fallback;
    }
}
