using DongDa.Hierarchy.Host.Access;
using DongDa.Hierarchy.Host.Sheets;
using DongDa.Hierarchy.Spreadsheets;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace DongDa.Hierarchy.Host.Api;

/// <summary>
/// An empty workbook per kind, to fill in and import: the import's columns under their Vietnamese
/// headers, a drop-down list on every column of choices, and a second sheet saying how to fill each.
/// </summary>
public static class TemplateEndpoints
{
    public static WebApplication MapTemplateEndpoints(this WebApplication app)
    {
        app.MapGet("/api/v1/import-templates/{kind}.xlsx", Template)
            .RequireAuthorization()
            .WithTags("Import and export").WithName("GetImportTemplate")
            .WithSummary("An empty Excel workbook to fill in with records of a kind and import")
            .Produces(StatusCodes.Status200OK, contentType: SheetUpload.Xlsx);
        return app;
    }

    private static Results<FileContentHttpResult, NotFoundProblem> Template(string kind, HttpContext http)
    {
        if (RecordForms.Kinds.FirstOrDefault(k => k.Path == kind) is not { Type: not null } found) return Problems.UnknownKind(kind);
        var columns = RecordSheet.Columns(found.Type);
        using var output = new MemoryStream();
        SheetWriter.WriteXlsx(output,
        [
            new Sheet("Nhập liệu", [.. columns.Select(column => new SheetColumn(column.Header, ExportEndpoints.Kind(column), 24, Choices(column)))], []),
            new Sheet("Hướng dẫn",
                [new("Cột", ColumnKind.Text, 30), new("Tên cột trong API", ColumnKind.Text, 20), new("Bắt buộc", ColumnKind.Text, 10), new("Cách ghi", ColumnKind.Text, 80)],
                columns.Select(column => (IReadOnlyList<object?>)[column.Header, column.Name, column.Field is null || column.Field.Required ? "Có" : "Không", column.Explanation])),
        ]);
        http.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = $"Mau-nhap-{kind}.xlsx" }.ToString();
        return TypedResults.File(output.ToArray(), SheetUpload.Xlsx);
    }

    private static IReadOnlyList<string>? Choices(SheetField column) => column.Field switch
    {
        { Kind: "choice" } field => [.. field.Choices!.Select(choice => choice.Vi)],
        { Kind: "yes-no" } => ["Có", "Không"],
        _ => null,
    };
}
