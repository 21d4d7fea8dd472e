using System.Globalization;

namespace DongDa.Hierarchy.Spreadsheets;

/// <summary>Reads the rows of an uploaded CSV file or of the first worksheet of an XLSX workbook.</summary>
public static class SheetReader
{
    /// <summary>
    /// Reads the header row now and returns the data rows as a stream read on demand. The stream is read from its
    /// start and must stay open while <see cref="SheetTable.Rows"/> is enumerated. Throws <see cref="SheetException"/>
    /// for a file that cannot be read; a fault past the header (a bad byte, too many rows) is thrown while enumerating.
    /// </summary>
    public static SheetTable Read(Stream seekableStream, SheetFormat format, SheetLimits limits)
    {
        ArgumentNullException.ThrowIfNull(seekableStream);
        ArgumentNullException.ThrowIfNull(limits);
        if (!seekableStream.CanSeek)
        {
            throw new ArgumentException("The stream must seek: the rows are read in a second pass.", nameof(seekableStream));
        }

        if (seekableStream.Length == 0)
        {
            throw new SheetException("The file is empty.");
        }

        return format switch
        {
            SheetFormat.Csv => CsvSheetReader.Read(seekableStream, limits),
            SheetFormat.Xlsx => XlsxSheetReader.Read(seekableStream, limits),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown sheet format."),
        };
    }

    internal static SheetException NoHeader() =>
        new("The file has no header row: its first row should name the columns.");

    /// <summary>
    /// The cells of a row, at least one per header, without trailing empty cells past the headers; null when every
    /// cell is empty, since a blank row in the middle of a sheet is not a record.
    /// </summary>
    internal static string?[]? Shape(List<string?> cells, int headerCount)
    {
        var last = cells.FindLastIndex(cell => cell is not null);
        if (last < 0)
        {
            return null;
        }

        var shaped = new string?[Math.Max(headerCount, last + 1)];
        cells.CopyTo(0, shaped, 0, last + 1);
        return shaped;
    }

    /// <summary>The header names: an empty header cell is an empty name, and empty cells past the last name are dropped.</summary>
    internal static IReadOnlyList<string> Headers(IReadOnlyList<string?> cells) =>
        [.. cells.Select(cell => cell ?? string.Empty)];

    /// <summary>Passes the rows on, throwing once there are more than the limit allows.</summary>
    internal static IEnumerable<SheetRow> Limit(IEnumerable<SheetRow> rows, int maxRows)
    {
        var count = 0;
        foreach (var row in rows)
        {
            if (++count > maxRows)
            {
                throw new SheetException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"The file has more than {maxRows:N0} data rows, the most one upload may hold. Split it into smaller files."));
            }

            yield return row;
        }
    }

    /// <summary>A cell's text as an importer wants it: without surrounding spaces, and null when nothing is left.</summary>
    internal static string? Clean(string? text)
    {
        var trimmed = text?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }
}
