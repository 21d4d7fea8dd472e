using DongDa.Hierarchy.Spreadsheets;
using Microsoft.AspNetCore.Http.Features;

namespace DongDa.Hierarchy.Host.Sheets;

/// <summary>
/// An uploaded spreadsheet, kept in a temporary file that is deleted when closed: a workbook is a
/// zip, read from its end, so it must be seekable; the file is written once as it arrives, never
/// held whole in memory. Its own body limit, above the API's, for this route only.
/// </summary>
public static class SheetUpload
{
    public const string Csv = "text/csv";
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static SheetFormat? FormatOf(HttpRequest request) => request.ContentType?.Split(';')[0].Trim().ToLowerInvariant() switch
    {
        Csv => SheetFormat.Csv,
        Xlsx => SheetFormat.Xlsx,
        _ => null,
    };

    /// <summary>The body in a temporary file, positioned at its start; null when it is longer than <paramref name="limit"/>.</summary>
    public static async Task<FileStream?> Save(HttpContext http, long limit)
    {
        if (http.Request.ContentLength > limit) return null;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = limit + 1;
        var file = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            var buffer = new byte[1 << 16];
            int read;
            while ((read = await http.Request.Body.ReadAsync(buffer, http.RequestAborted)) > 0)
            {
                if (file.Length + read > limit)
                {
                    await file.DisposeAsync();
                    return null;
                }

                await file.WriteAsync(buffer.AsMemory(0, read), http.RequestAborted);
            }

            file.Position = 0;
            return file;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }
}
