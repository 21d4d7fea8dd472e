using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using nietras.SeparatedValues;
using SheetEntry = DocumentFormat.OpenXml.Spreadsheet.Sheet;

namespace DongDa.Hierarchy.Spreadsheets;

/// <summary>Writes exports and templates as XLSX workbooks or CSV files.</summary>
public static class SheetWriter
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string CsvContentType = "text/csv; charset=utf-8";

    /// <summary>The hidden sheet holding the drop-down choices; a list typed into the validation is capped at 255 characters.</summary>
    private const string ListsSheetName = "Lists";

    /// <summary>
    /// Writes a workbook with one worksheet per sheet, in order; the rows go out through the SAX writer as they are
    /// enumerated (the package itself holds each part until it closes). Sheet names are made valid and unique. Columns
    /// with choices get a drop-down whose choices live on a hidden last sheet, so no list is too long or needs escaping.
    /// </summary>
    public static void WriteXlsx(Stream output, IReadOnlyList<Sheet> sheets)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(sheets);
        if (sheets.Count == 0 || sheets.Any(sheet => sheet.Columns.Count == 0))
        {
            throw new ArgumentException("A workbook needs at least one sheet, and each sheet at least one column.", nameof(sheets));
        }

        if (!output.CanSeek || !output.CanRead)
        {
            // The SDK builds a package by reading and seeking in it, which a response body cannot do.
            using var buffer = new MemoryStream();
            WriteXlsx(buffer, sheets);
            buffer.Position = 0;
            buffer.CopyTo(output);
            return;
        }

        var names = SheetNames.Unique([.. sheets.Select(sheet => sheet.Name), ListsSheetName]);
        var lists = ChoiceLists.Of(sheets, names);
        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = XlsxStyles.Stylesheet();
        var entries = sheets.Select((sheet, index) => Add(workbook, sheet, names[index], lists.RangesOf(index))).ToList();
        if (lists.Sheet is { } listSheet)
        {
            var entry = Add(workbook, listSheet, names[^1], new Dictionary<int, string>());
            entry.State = SheetStateValues.Hidden;
            entries.Add(entry);
        }

        foreach (var (entry, index) in entries.Select((entry, index) => (entry, index)))
        {
            entry.SheetId = (uint)index + 1;
        }

        workbook.Workbook = new Workbook(new Sheets(entries));
    }

    /// <summary>
    /// RFC 4180 CSV: UTF-8 with a BOM (without it Excel reads the accents in the Windows code page), commas,
    /// CRLF line ends, dates as yyyy-MM-dd and numbers in invariant culture.
    /// </summary>
    public static void WriteCsv(Stream output, IReadOnlyList<SheetColumn> columns, IEnumerable<IReadOnlyList<object?>> rows)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        using var text = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true)
        {
            NewLine = "\r\n",
        };
        using var writer = Sep.New(',').Writer(o => o with { WriteHeader = false, Escape = true }).To(text);
        WriteRecord(writer, [.. columns.Select(column => column.Header)]);
        var number = 1;
        foreach (var row in rows)
        {
            CellText.CheckWidth(row, columns.Count, ++number);
            WriteRecord(writer, [.. row.Select(CellText.Csv)]);
        }
    }

    private static SheetEntry Add(WorkbookPart workbook, Sheet sheet, string name, IReadOnlyDictionary<int, string> choiceRanges)
    {
        var part = workbook.AddNewPart<WorksheetPart>();
        XlsxWorksheet.Write(part, sheet, choiceRanges);
        return new SheetEntry { Name = name, Id = workbook.GetIdOfPart(part) };
    }

    private static void WriteRecord(SepWriter writer, IReadOnlyList<string> values)
    {
        using var record = writer.NewRow();
        for (var i = 0; i < values.Count; i++)
        {
            record[i].Set(values[i]);
        }
    }
}
