using DocumentFormat.OpenXml.Spreadsheet;

namespace DongDa.Hierarchy.Spreadsheets;

/// <summary>The few cell styles a written workbook needs: a bold header, and one number format per column kind.</summary>
internal static class XlsxStyles
{
    public const uint Header = 1;

    // Excel's built-in number formats: @ (text), #,##0, #,##0.00 and 0.00%; custom ones start at 164.
    private const uint TextFormat = 49;
    private const uint IntegerFormat = 3;
    private const uint DecimalFormat = 4;
    private const uint PercentFormat = 10;
    private const uint DateFormat = 164;

    public static uint Of(ColumnKind kind) => kind switch
    {
        ColumnKind.Text => 2,
        ColumnKind.Integer => 3,
        ColumnKind.Decimal => 4,
        ColumnKind.Date => 5,
        ColumnKind.Percent => 6,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown column kind."),
    };

    /// <summary>The formats in the order of the style indexes above.</summary>
    public static Stylesheet Stylesheet() => new(
        new NumberingFormats(new NumberingFormat { NumberFormatId = DateFormat, FormatCode = "dd/mm/yyyy" }) { Count = 1 },
        new Fonts(Font(), Font(new Bold())) { Count = 2 },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
        new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
        new CellFormats(
            Style(0),
            Style(TextFormat, bold: true),
            Style(TextFormat),
            Style(IntegerFormat),
            Style(DecimalFormat),
            Style(DateFormat),
            Style(PercentFormat)) { Count = 7 },
        new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });

    private static Font Font(params Bold[] bold) =>
        new([.. bold, new FontSize { Val = 11 }, new FontName { Val = "Calibri" }, new FontFamilyNumbering { Val = 2 }]);

    private static CellFormat Style(uint numberFormat, bool bold = false) => new()
    {
        NumberFormatId = numberFormat,
        FontId = bold ? 1u : 0u,
        FillId = 0,
        BorderId = 0,
        FormatId = 0,
        ApplyNumberFormat = numberFormat != 0,
        ApplyFont = bold,
    };
}
