using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace DongDa.Hierarchy.Spreadsheets;

/// <summary>The first worksheet of a workbook, read row by row with the SDK's SAX reader.</summary>
internal static class XlsxSheetReader
{
    public static SheetTable Read(Stream stream, SheetLimits limits)
    {
        ZipGuard.Check(stream, limits);
        var workbook = Guard(() =>
        {
            using var document = Open(stream);
            return XlsxWorkbook.Load(document);
        });
        var header = Rows(stream, workbook, 0).FirstOrDefault() ?? throw SheetReader.NoHeader();
        var headers = SheetReader.Headers(header.Cells);
        var rows = Rows(stream, workbook, headers.Count).SkipWhile(row => row.Number <= header.Number);
        return new SheetTable(headers, SheetReader.Limit(rows, limits.MaxRows));
    }

    internal static SheetException NotAWorkbook(Exception? cause) => new(
        "The file is not a readable Excel workbook (.xlsx): it may be damaged, cut short while uploading, or another kind "
        + "of file. Open it in Excel, save it as .xlsx and upload it again.",
        cause);

    /// <summary>The elements of one kind in a part, each loaded alone, so only one row is ever held as objects.</summary>
    internal static IEnumerable<T> Elements<T>(OpenXmlPart part)
        where T : OpenXmlElement
    {
        using var reader = OpenXmlReader.Create(part);
        var more = reader.Read();
        while (more)
        {
            if (reader.IsStartElement && reader.ElementType == typeof(T))
            {
                // Loading moves the reader past the element, onto the next one.
                yield return (T)reader.LoadCurrentElement()!;
                more = !reader.EOF;
            }
            else
            {
                more = reader.Read();
            }
        }
    }

    /// <summary>Turns what a damaged package throws into a message for the office.</summary>
    internal static T Guard<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is InvalidDataException or OpenXmlPackageException or FileFormatException
                                      or XmlException or EndOfStreamException or KeyNotFoundException)
        {
            throw NotAWorkbook(e);
        }
    }

    private static IEnumerable<SheetRow> Rows(Stream stream, XlsxWorkbook workbook, int headerCount)
    {
        using var document = Guard(() => Open(stream));
        using var rows = Guard(() => Elements<Row>(workbook.Worksheet(document)).GetEnumerator());
        var number = 0;
        while (Guard(rows.MoveNext))
        {
            // A row without its number follows the one before, as Excel reads it.
            number = (int?)rows.Current.RowIndex?.Value ?? number + 1;
            if (ToSheetRow(rows.Current, number, workbook, headerCount) is { } row)
            {
                yield return row;
            }
        }
    }

    private static SheetRow? ToSheetRow(Row row, int number, XlsxWorkbook workbook, int headerCount)
    {
        var cells = new List<string?>();
        HashSet<int>? formulas = null;
        var column = -1;
        foreach (var cell in row.Elements<Cell>())
        {
            // A sparse row leaves out its empty cells; the reference says where the next one stands.
            column = CellReference.Column(cell.CellReference?.Value) ?? column + 1;
            if (column >= CellReference.MaxColumns)
            {
                break;
            }

            cells.AddRange(Enumerable.Repeat<string?>(null, Math.Max(0, column + 1 - cells.Count)));
            cells[column] = workbook.Text(cell);
            if (cell.CellFormula is not null)
            {
                (formulas ??= []).Add(column);
            }
        }

        return SheetReader.Shape(cells, headerCount) is { } shaped
            ? new SheetRow(number, shaped, formulas ?? SheetRow.NoFormulas)
            : null;
    }

    private static SpreadsheetDocument Open(Stream stream)
    {
        stream.Position = 0;
        return SpreadsheetDocument.Open(stream, isEditable: false);
    }
}
