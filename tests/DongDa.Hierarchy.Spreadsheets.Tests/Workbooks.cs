using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using SheetEntry = DocumentFormat.OpenXml.Spreadsheet.Sheet;

namespace DongDa.Hierarchy.Spreadsheets.Tests;

/// <summary>Workbooks built by hand, as Excel would save them, and helpers to read what the library wrote.</summary>
internal static class Workbooks
{
    public static readonly SheetLimits Limits = new();

    public static MemoryStream Xlsx(params Sheet[] sheets)
    {
        var stream = new MemoryStream();
        SheetWriter.WriteXlsx(stream, sheets);
        stream.Position = 0;
        return stream;
    }

    public static List<SheetRow> Rows(SheetTable table) => [.. table.Rows];

    public static void AssertValid(Stream xlsx)
    {
        xlsx.Position = 0;
        using (var document = SpreadsheetDocument.Open(xlsx, isEditable: false))
        {
            var errors = new OpenXmlValidator(FileFormatVersions.Microsoft365).Validate(document)
                .Select(error => $"{error.Part?.Uri} {error.Path?.XPath}: {error.Description}")
                .ToList();
            Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
        }

        xlsx.Position = 0;
    }

    /// <summary>A workbook whose first sheet holds the given row, with shared strings and the date style 14 (Excel's short date).</summary>
    public static MemoryStream WithDom(params Row[] rows)
    {
        var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.AddNewPart<SharedStringTablePart>().SharedStringTable = new SharedStringTable(
                new SharedStringItem(new Text("Họ và tên")),
                new SharedStringItem(new Run(new Text("Nguyễn ")), new Run(new Text("Văn A"))),
                new SharedStringItem(new Text("Ngày sinh")),
                new SharedStringItem(new Text("Số")));
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = new Stylesheet(
                new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "[$-42A]dd/mm/yyyy;@" }) { Count = 1 },
                new Fonts(new Font()) { Count = 1 },
                new Fills(new Fill(new PatternFill { PatternType = PatternValues.None })) { Count = 1 },
                new Borders(new Border()) { Count = 1 },
                new CellFormats(
                    new CellFormat { NumberFormatId = 0 },
                    new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true },
                    new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true },
                    new CellFormat { NumberFormatId = 3, ApplyNumberFormat = true }) { Count = 4 });
            var chart = workbook.AddNewPart<ChartsheetPart>();
            chart.Chartsheet = new Chartsheet(new ChartSheetViews(new ChartSheetView { WorkbookViewId = 0 }));
            var sheet = workbook.AddNewPart<WorksheetPart>();
            sheet.Worksheet = new Worksheet(new SheetData(rows));
            var second = workbook.AddNewPart<WorksheetPart>();
            second.Worksheet = new Worksheet(new SheetData(new Row(Cell("A1", "Not this sheet"))));
            workbook.Workbook = new Workbook(new Sheets(
                new SheetEntry { Name = "Chart", SheetId = 1, Id = workbook.GetIdOfPart(chart) },
                new SheetEntry { Name = "Data", SheetId = 2, Id = workbook.GetIdOfPart(sheet) },
                new SheetEntry { Name = "Other", SheetId = 3, Id = workbook.GetIdOfPart(second) }));
        }

        stream.Position = 0;
        return stream;
    }

    public static Cell Cell(string reference, string inlineText) => new(new InlineString(new Text(inlineText)))
    {
        CellReference = reference,
        DataType = CellValues.InlineString,
    };

    public static Cell Cell(string reference, CellValues type, string value, uint style = 0) => new(new CellValue(value))
    {
        CellReference = reference,
        DataType = type,
        StyleIndex = style == 0 ? null : style,
    };

    /// <summary>
    /// A well-formed workbook whose sheet1.xml inflates to <paramref name="sheetBytes"/> bytes of blanks, streamed through
    /// the compressor, so neither the test nor the zip ever holds it whole.
    /// </summary>
    public static MemoryStream Bomb(long sheetBytes)
    {
        var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            Entry(zip, "[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>""");
            Entry(zip, "_rels/.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            Entry(zip, "xl/workbook.xml", """<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="A" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            Entry(zip, "xl/_rels/workbook.xml.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>""");
            using var sheet = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.SmallestSize).Open();
            sheet.Write("""<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"""u8);
            var blanks = new byte[1 << 20];
            Array.Fill(blanks, (byte)' ');
            for (var left = sheetBytes; left > 0; left -= blanks.Length)
            {
                sheet.Write(blanks, 0, (int)Math.Min(left, blanks.Length));
            }

            sheet.Write("</sheetData></worksheet>"u8);
        }

        stream.Position = 0;
        return stream;
    }

    private static void Entry(ZipArchive zip, string name, string text)
    {
        using var entry = zip.CreateEntry(name).Open();
        entry.Write(Encoding.UTF8.GetBytes(text));
    }
}
