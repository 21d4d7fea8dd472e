using System.Globalization;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using SheetEntry = DocumentFormat.OpenXml.Spreadsheet.Sheet;

namespace DongDa.Hierarchy.Spreadsheets;

/// <summary>
/// What a cell's text depends on beyond the cell: the shared strings, which styles show dates, and the date system.
/// Loaded once per upload and kept while the rows are read.
/// </summary>
internal sealed partial record XlsxWorkbook(
    string WorksheetId,
    IReadOnlyList<string> SharedStrings,
    IReadOnlySet<uint> DateStyles,
    bool Date1904)
{
    /// <summary>Days between the 1900 and the 1904 date systems (Excel for Mac once saved the latter).</summary>
    private const double Date1904Offset = 1462;

    public static XlsxWorkbook Load(SpreadsheetDocument document)
    {
        var workbook = document.WorkbookPart ?? throw XlsxSheetReader.NotAWorkbook(null);
        return new XlsxWorkbook(
            FirstWorksheetId(workbook) ?? throw new SheetException("The workbook has no worksheet."),
            SharedStringTable(workbook.SharedStringTablePart),
            DateStyleIndexes(workbook.WorkbookStylesPart?.Stylesheet),
            workbook.Workbook?.WorkbookProperties?.Date1904?.Value == true);
    }

    public WorksheetPart Worksheet(SpreadsheetDocument document) =>
        (WorksheetPart)document.WorkbookPart!.GetPartById(WorksheetId);

    /// <summary>A cell's value as text: dates as yyyy-MM-dd, numbers in invariant culture, booleans as true or false.</summary>
    public string? Text(Cell cell)
    {
        var type = cell.DataType?.Value;
        if (type == CellValues.InlineString)
        {
            return SheetReader.Clean(RichText(cell.InlineString));
        }

        return cell.CellValue?.Text is { } raw ? ValueText(type, raw, cell.StyleIndex?.Value ?? 0) : null;
    }

    private string? ValueText(CellValues? type, string raw, uint style)
    {
        if (type is null || type == CellValues.Number)
        {
            return DateStyles.Contains(style) ? SerialDate(raw) : Number(raw);
        }

        if (type == CellValues.SharedString)
        {
            return SheetReader.Clean(SharedString(raw));
        }

        if (type == CellValues.Boolean)
        {
            return raw.Trim() == "1" ? "true" : "false";
        }

        return type == CellValues.Date ? IsoDate(raw) : SheetReader.Clean(raw);
    }

    private string SharedString(string raw) =>
        int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < SharedStrings.Count
            ? SharedStrings[index]
            : throw XlsxSheetReader.NotAWorkbook(null);

    private string? SerialDate(string raw)
    {
        if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial))
        {
            return SheetReader.Clean(raw);
        }

        serial += Date1904 ? Date1904Offset : 0;
        return serial is >= 1 and < 2_958_466
            ? DateTime.FromOADate(serial).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : Number(raw);
    }

    /// <summary>A cell of type d holds an ISO 8601 date and time.</summary>
    private static string? IsoDate(string raw) =>
        DateTime.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var date)
            ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : SheetReader.Clean(raw);

    /// <summary>The number without exponent or trailing zeros: "12", "3.5", "0.0001".</summary>
    private static string? Number(string raw) =>
        decimal.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number.ToString("0.############################", CultureInfo.InvariantCulture)
            : SheetReader.Clean(raw);

    private static string? FirstWorksheetId(WorkbookPart workbook) =>
        workbook.Workbook?.Sheets?.Elements<SheetEntry>()
            .Select(sheet => sheet.Id?.Value)
            .FirstOrDefault(id => id is not null && workbook.TryGetPartById(id, out var part) && part is WorksheetPart);

    private static List<string> SharedStringTable(SharedStringTablePart? part) =>
        part is null ? [] : [.. XlsxSheetReader.Elements<SharedStringItem>(part).Select(RichText)];

    /// <summary>The text of a string item: its plain text or its runs, without the phonetic guides.</summary>
    private static string RichText(OpenXmlElement? item)
    {
        var text = string.Concat(item?.ChildElements.Select(child => child switch
        {
            Text plain => plain.Text,
            Run run => run.Text?.Text,
            _ => null,
        }) ?? []);
        return Escaped().Replace(text, match => ((char)Convert.ToUInt16(match.Groups[1].Value, 16)).ToString());
    }

    private static HashSet<uint> DateStyleIndexes(Stylesheet? stylesheet)
    {
        var codes = new Dictionary<uint, string>();
        foreach (var format in stylesheet?.NumberingFormats?.Elements<NumberingFormat>() ?? [])
        {
            codes.TryAdd(format.NumberFormatId?.Value ?? 0, format.FormatCode?.Value ?? string.Empty);
        }

        var formats = stylesheet?.CellFormats?.Elements<CellFormat>() ?? [];
        return [.. formats
            .Select((format, index) => (Id: format.NumberFormatId?.Value ?? 0, Index: (uint)index))
            .Where(style => IsDateFormat(style.Id, codes.GetValueOrDefault(style.Id)))
            .Select(style => style.Index)];
    }

    /// <summary>
    /// Excel's built-in date and time formats, and custom ones that show a day, a year, or a month without hours or
    /// seconds (an m beside h or s means minutes).
    /// </summary>
    private static bool IsDateFormat(uint id, string? code)
    {
        if (id is (>= 14 and <= 22) or (>= 45 and <= 47))
        {
            return true;
        }

        var letters = Literals().Replace(code ?? string.Empty, string.Empty).ToLowerInvariant();
        return letters.Contains('d') || letters.Contains('y')
            || (letters.Contains('m') && !letters.Contains('h') && !letters.Contains('s'));
    }

    /// <summary>Quoted text, [colour] and [$-locale] sections, and escaped or padding characters, none of which format.</summary>
    [GeneratedRegex("\"[^\"]*\"|\\[[^\\]]*\\]|\\\\.|[_*].")]
    private static partial Regex Literals();

    /// <summary>Excel writes a character XML cannot hold as _xHHHH_.</summary>
    [GeneratedRegex("_x([0-9A-Fa-f]{4})_")]
    private static partial Regex Escaped();
}
