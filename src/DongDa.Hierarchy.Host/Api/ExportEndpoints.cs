using System.Globalization;
using DongDa.Hierarchy.Host.Access;
using DongDa.Hierarchy.Host.Sheets;
using DongDa.Hierarchy.Metrics;
using DongDa.Hierarchy.Records;
using DongDa.Hierarchy.Spreadsheets;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace DongDa.Hierarchy.Host.Api;

/// <summary>
/// Spreadsheets out: a subtree's figures for a period, one row per organization; and a kind's
/// records of a subtree in exactly the import's columns, so that an export imports again unchanged.
/// </summary>
public static class ExportEndpoints
{
    public static RouteGroupBuilder MapExportEndpoints(this RouteGroupBuilder orgs)
    {
        orgs.MapGet("/{id}/export", Figures)
            .Describe("Import and export", "ExportFigures", "The subtree's figures for the period, one row per organization, as CSV or an Excel workbook", Role.Viewer)
            .Produces(StatusCodes.Status200OK, contentType: SheetUpload.Xlsx, additionalContentTypes: [SheetUpload.Csv])
            .WithRequestTimeout(StopWaitingOnTimeout.ImportPolicy);

        return orgs;
    }

    /// <summary>Mapped with the kind's other routes (<see cref="RecordEndpoints"/>).</summary>
    internal static void MapKind<TRecord>(RouteGroupBuilder orgs, string path) where TRecord : OrgRecord =>
        orgs.MapGet($"/{{id}}/{path}/export", Records<TRecord>)
            .Describe("Import and export", $"Export{typeof(TRecord).Name}s", $"The subtree's {path} for the period, in the import's columns, as CSV or an Excel workbook", Role.Viewer)
            .Produces(StatusCodes.Status200OK, contentType: SheetUpload.Xlsx, additionalContentTypes: [SheetUpload.Csv])
            .WithRequestTimeout(StopWaitingOnTimeout.ImportPolicy);

    private static async Task<Results<FileContentHttpResult, NotFoundProblem>> Figures(string id, ExportQuery query, HttpContext http, IGrainFactory grains)
    {
        var orgs = await Subtree.InOrder(grains, id);
        if (orgs.Count == 0) return Problems.UnknownOrganization(id);
        var rows = new List<(Organizations.OrgSnapshot, int, SubtreeRollup)>(orgs.Count);
        foreach (var (org, depth) in orgs)
        {
            if (await grains.GetGrain<IOrganizationGrain>(org.Id).Rollup(query.Period) is { } rollup) rows.Add((org, depth, rollup));
        }

        using var output = new MemoryStream();
        if (query.Format == SheetFormat.Csv)
        {
            var (columns, values) = FigureSheet.Csv(rows);
            SheetWriter.WriteCsv(output, columns, values);
        }
        else
        {
            SheetWriter.WriteXlsx(output, FigureSheet.Sheets(rows));
        }

        return File(http, output, query, $"So-lieu-{id}");
    }

    private static async Task<Results<FileContentHttpResult, NotFoundProblem>> Records<TRecord>(string id, ExportQuery query, HttpContext http, IGrainFactory grains)
        where TRecord : OrgRecord
    {
        var orgs = await Subtree.InOrder(grains, id);
        if (orgs.Count == 0) return Problems.UnknownOrganization(id);
        var form = RecordForms.Kinds.First(kind => kind.Type == typeof(TRecord));
        var columns = RecordSheet.Columns(typeof(TRecord));
        var records = new List<object?[]>();
        foreach (var (org, _) in orgs)
        {
            RecordPosition? after = null;
            do
            {
                var page = await grains.GetGrain<IOrganizationGrain>(org.Id).ListRecords(new RecordQuery { Kind = KindOf<TRecord>.Value, Period = query.Period, Limit = ApiLimits.MaxPageSize, After = after });
                if (page is null) break;
                records.AddRange(page.Items.Select(record => RecordSheet.Cells(record, columns)));
                after = page.Next;
            }
            while (after is not null);
        }

        using var output = new MemoryStream();
        if (query.Format == SheetFormat.Csv)
        {
            SheetWriter.WriteCsv(output, [.. columns.Select(column => new SheetColumn(column.Name, Kind(column)))], records);
        }
        else
        {
            SheetWriter.WriteXlsx(output, [new Sheet(form.Vietnamese, [.. columns.Select(column => new SheetColumn(column.Header, Kind(column), 20))], records)]);
        }

        return File(http, output, query, $"Ho-so-{form.Path}-{id}");
    }

    /// <summary>How a column's values are written: dates as date cells, numbers as numbers, the rest as text.</summary>
    public static ColumnKind Kind(SheetField column) => column.Field?.Kind switch
    {
        "date" => ColumnKind.Date,
        "number" => ColumnKind.Integer,
        _ => ColumnKind.Text,
    };

    private static FileContentHttpResult File(HttpContext http, MemoryStream output, ExportQuery query, string name)
    {
        var fileName = $"{name}-{query.Period.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "dau"}-{query.Period.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "nay"}.{(query.Format == SheetFormat.Csv ? "csv" : "xlsx")}";
        http.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = fileName }.ToString();
        return TypedResults.File(output.ToArray(), query.Format == SheetFormat.Csv ? "text/csv; charset=utf-8" : SheetUpload.Xlsx);
    }
}

/// <summary>The query of an export: <c>from</c> and <c>to</c> as for metrics, and <c>format</c>, <c>xlsx</c> (the default) or <c>csv</c>.</summary>
public sealed class ExportQuery : IBoundInput
{
    private ExportQuery(Period period, SheetFormat format, IResult? problem)
    {
        Period = period;
        Format = format;
        Problem = problem;
    }

    public Period Period { get; }
    public SheetFormat Format { get; }
    public IResult? Problem { get; }

    public static ValueTask<ExportQuery?> BindAsync(HttpContext context)
    {
        var errors = new ValidationErrors();
        var period = PeriodQuery.Parse(context.Request.Query, errors);
        var format = QueryValues.One(context.Request.Query, "format", errors) switch
        {
            null or "xlsx" => SheetFormat.Xlsx,
            "csv" => SheetFormat.Csv,
            _ => Refuse(errors),
        };
        return ValueTask.FromResult<ExportQuery?>(new ExportQuery(period, format, errors.Any ? Problems.Invalid(errors) : null));

        static SheetFormat Refuse(ValidationErrors errors)
        {
            errors.Add("format", "Must be xlsx or csv.");
            return SheetFormat.Xlsx;
        }
    }
}
