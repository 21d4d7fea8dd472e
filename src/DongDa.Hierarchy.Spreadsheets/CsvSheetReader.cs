using System.Text;
using nietras.SeparatedValues;

namespace DongDa.Hierarchy.Spreadsheets;

/// <summary>CSV as Excel saves it: UTF-8 with or without a BOM, RFC 4180 quoting, `;` or `,` between cells.</summary>
internal static class CsvSheetReader
{
    // With a preamble, so StreamReader skips a BOM; throwing, so a file in a Windows code page is refused rather than garbled.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: true, throwOnInvalidBytes: true);

    /// <summary>How far to look for the end of the header line; a header is never this long.</summary>
    private const int MaxHeaderChars = 1 << 20;

    public static SheetTable Read(Stream stream, SheetLimits limits)
    {
        var separator = DetectSeparator(stream);
        var header = Records(stream, separator, 0).FirstOrDefault() ?? throw SheetReader.NoHeader();
        var headers = SheetReader.Headers(header.Cells);
        var rows = Records(stream, separator, headers.Count).SkipWhile(row => row.Number <= header.Number);
        return new SheetTable(headers, SheetReader.Limit(rows, limits.MaxRows));
    }

    /// <summary>
    /// Excel in a Vietnamese (or any European) locale separates cells with `;`, since `,` is its decimal mark;
    /// the header line tells which one this file uses.
    /// </summary>
    private static char DetectSeparator(Stream stream)
    {
        using var text = Open(stream);
        int semicolons = 0, commas = 0, read = 0;
        var quoted = false;
        var started = false;
        for (int c; (c = ReadChar(text)) >= 0 && read++ < MaxHeaderChars;)
        {
            if (!quoted && c is '\r' or '\n' && started)
            {
                break;
            }

            quoted ^= c == '"';
            semicolons += !quoted && c == ';' ? 1 : 0;
            commas += !quoted && c == ',' ? 1 : 0;
            started |= !char.IsWhiteSpace((char)c);
        }

        return started ? (semicolons > commas ? ';' : ',') : throw new SheetException("The file is empty.");
    }

    /// <summary>The non-empty records, numbered as Excel shows them (a quoted line break does not start a row).</summary>
    private static IEnumerable<SheetRow> Records(Stream stream, char separator, int headerCount)
    {
        using var text = Open(stream);
        using var reader = Decode(() => Sep.Reader(o => o with
        {
            Sep = new Sep(separator),
            HasHeader = false,
            Unescape = true,
            Trim = SepTrim.All,
            DisableColCountCheck = true,
        }).From(text));
        while (Decode(reader.MoveNext))
        {
            var number = reader.Current.RowIndex + 1;
            var cells = Cells(reader.Current);
            if (SheetReader.Shape(cells, headerCount) is { } shaped)
            {
                yield return new SheetRow(number, shaped);
            }
        }
    }

    private static List<string?> Cells(SepReader.Row row)
    {
        var cells = new List<string?>(row.ColCount);
        for (var i = 0; i < row.ColCount; i++)
        {
            cells.Add(SheetReader.Clean(CellText.FromCsv(row[i].ToString())));
        }

        return cells;
    }

    private static StreamReader Open(Stream stream)
    {
        stream.Position = 0;
        return new StreamReader(stream, StrictUtf8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
    }

    private static int ReadChar(StreamReader text) => Decode(text.Read);

    private static T Decode<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (DecoderFallbackException e)
        {
            throw new SheetException(
                "The CSV file is not in UTF-8, so its Vietnamese letters cannot be read. In Excel, use Save As and choose "
                + "\"CSV UTF-8 (Comma delimited)\", or upload the .xlsx file instead.",
                e);
        }
    }
}
