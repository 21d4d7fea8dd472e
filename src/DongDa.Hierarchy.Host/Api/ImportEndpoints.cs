using DongDa.Hierarchy.Host.Access;
using DongDa.Hierarchy.Host.Sheets;
using DongDa.Hierarchy.Records;
using DongDa.Hierarchy.Spreadsheets;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace DongDa.Hierarchy.Host.Api;

/// <summary>Records brought in from a spreadsheet (CSV or an Excel workbook), all or nothing.</summary>
public static class ImportEndpoints
{
    public static RouteGroupBuilder MapImportEndpoints(this RouteGroupBuilder orgs)
    {

        orgs.MapPut("/{id}/tree/import", ImportTree)
            .Describe("Import and export", "ImportTree", "Create or update organizations of this subtree from a CSV or Excel file, parents first, all or nothing", Role.Admin)
            .Accepts<Stream>(SheetUpload.Csv, SheetUpload.Xlsx)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithRequestTimeout(StopWaitingOnTimeout.ImportPolicy);
        return orgs;
    }

    private static async Task<Results<Ok<TreeImportAnswer>, ProblemHttpResult>> ImportTree(string id, HttpContext http, IGrainFactory grains, IOptions<ApiLimits> options)
    {
        var limits = options.Value;
        if (SheetUpload.FormatOf(http.Request) is not { } format) return Problems.UnsupportedSheet();
        await using var file = await SheetUpload.Save(http, limits.MaxImportBytes);
        if (file is null) return Problems.TooLargeFile(limits.MaxImportBytes);
        try
        {
            var (answer, refusal, stopped) = await new TreeImport(id, grains, RequestGrant.Of(http).Actor).Run(SheetReader.Read(file, format, new SheetLimits(MaxRows: limits.MaxImportRows)));
            if (refusal is not null) return Problems.BadRows(refusal);
            return stopped is null ? TypedResults.Ok(answer!) : TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
                title: "The tree changed while the file was imported.",
                detail: $"Row {stopped.Row} was refused: {stopped.Reason} The {stopped.Written} organizations before it are written; send the file again once it is right.",
                extensions: new Dictionary<string, object?> { ["row"] = stopped.Row, ["field"] = stopped.Field });
        }
        catch (SheetException unreadable)
        {
            return Problems.UnreadableFile(unreadable.Message);
        }
    }

    /// <summary>Mapped with the kind's other routes (<see cref="RecordEndpoints"/>).</summary>
    internal static void MapKind<TRecord>(RouteGroupBuilder orgs, string path) where TRecord : OrgRecord =>
        orgs.MapPost($"/{{id}}/{path}/import", Import<TRecord>)
            .Describe("Import and export", $"Import{typeof(TRecord).Name}s", $"Store {path} from a CSV or Excel file, one record per row, all or nothing", Role.Recorder)
            .Accepts<Stream>(SheetUpload.Csv, SheetUpload.Xlsx)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .WithRequestTimeout(StopWaitingOnTimeout.ImportPolicy);

    private static async Task<Results<Ok<ImportAnswer>, ProblemHttpResult>> Import<TRecord>(string id, HttpContext http, IGrainFactory grains, IOptions<ApiLimits> options)
        where TRecord : OrgRecord
    {
        var limits = options.Value;
        if (SheetUpload.FormatOf(http.Request) is not { } format) return Problems.UnsupportedSheet();
        await using var file = await SheetUpload.Save(http, limits.MaxImportBytes);
        if (file is null) return Problems.TooLargeFile(limits.MaxImportBytes);

        ImportOutcome outcome;
        try
        {
            var table = SheetReader.Read(file, format, new SheetLimits(MaxRows: limits.MaxImportRows));
            outcome = await new RecordImport<TRecord>(id, grains, RequestGrant.Of(http)).Run(table, http.RequestAborted);
        }
        catch (SheetException unreadable)
        {
            return Problems.UnreadableFile(unreadable.Message);
        }

        return outcome.Refused ? Problems.BadRows(outcome) : TypedResults.Ok(new ImportAnswer(outcome.Rows, outcome.Stored, outcome.Unchanged));
    }
}

/// <summary>An import that stored: how many rows, how many records were stored, and how many were there already.</summary>
public sealed record ImportAnswer(int Rows, int Stored, int Unchanged);
