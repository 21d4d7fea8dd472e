using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace DongDa.Hierarchy.Spreadsheets;

/// <summary>One worksheet streamed with the SDK's SAX writer: only the current cell exists as an object.</summary>
internal static class XlsxWorksheet
{
    /// <summary>The drop-downs cover rows 2 to 1001: the room a template gives for data.</summary>
    private const int ValidatedRows = 1000;

    private const int MaxRows = 1_048_576;

    /// <summary>Writes the sheet; <paramref name="choiceRanges"/> maps a column index to the range that lists its choices.</summary>
    public static void Write(WorksheetPart part, Sheet sheet, IReadOnlyDictionary<int, string> choiceRanges)
    {
        var letters = sheet.Columns.Select((_, index) => CellReference.Letters(index)).ToArray();
        var styles = sheet.Columns.Select(column => XlsxStyles.Of(column.Kind)).ToArray();
        using var writer = OpenXmlWriter.Create(part);
        writer.WriteStartElement(new Worksheet());
        if (sheet.FreezeHeader)
        {
            writer.WriteElement(FrozenHeader());
        }

        writer.WriteElement(Columns(sheet.Columns, styles));
        writer.WriteStartElement(new SheetData());
        WriteRow(writer, 1, [.. sheet.Columns.Select(column => column.Header)], letters, [.. styles.Select(_ => XlsxStyles.Header)]);
        var number = 1;
        foreach (var row in sheet.Rows)
        {
            if (++number > MaxRows)
            {
                throw new ArgumentException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Sheet \"{sheet.Name}\" has more rows than a worksheet holds ({MaxRows - 1:N0})."));
            }

            CellText.CheckWidth(row, letters.Length, number);
            WriteRow(writer, number, row, letters, styles);
        }

        writer.WriteEndElement();
        if (choiceRanges.Count > 0)
        {
            writer.WriteElement(DropDowns(choiceRanges, letters));
        }

        writer.WriteEndElement();
    }

    private static void WriteRow(OpenXmlWriter writer, int number, IReadOnlyList<object?> values, string[] letters, uint[] styles)
    {
        var r = number.ToString(CultureInfo.InvariantCulture);
        writer.WriteStartElement(new Row(), [new OpenXmlAttribute("r", string.Empty, r)]);
        for (var i = 0; i < values.Count; i++)
        {
            WriteCell(writer, letters[i] + r, values[i], styles[i]);
        }

        writer.WriteEndElement();
    }

    /// <summary>An empty value writes no cell: the column's style still formats what a user types there.</summary>
    private static void WriteCell(OpenXmlWriter writer, string reference, object? value, uint style)
    {
        if (value is null or "")
        {
            return;
        }

        var attributes = new List<OpenXmlAttribute>(3)
        {
            new("r", string.Empty, reference),
            new("s", string.Empty, style.ToString(CultureInfo.InvariantCulture)),
        };
        var type = value switch
        {
            string => "inlineStr",
            bool => "b",
            _ => null,
        };
        if (type is not null)
        {
            attributes.Add(new OpenXmlAttribute("t", string.Empty, type));
        }

        writer.WriteStartElement(new Cell(), attributes);
        writer.WriteElement(value is string text ? InlineText(text) : new CellValue(NumberText(value)));
        writer.WriteEndElement();
    }

    /// <summary>Inline rather than shared strings, so no table of every string has to be held until the end.</summary>
    private static InlineString InlineText(string value)
    {
        var text = new Text(CellText.Xml(value));
        if (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]))
        {
            text.Space = SpaceProcessingModeValues.Preserve;
        }

        return new InlineString(text);
    }

    /// <summary>A date is the number of days since Excel's epoch, shown as a date by its column's style.</summary>
    private static string NumberText(object value) => value switch
    {
        bool flag => flag ? "1" : "0",
        DateOnly date => date.ToDateTime(TimeOnly.MinValue).ToOADate().ToString(CultureInfo.InvariantCulture),
        _ => CellText.Number(value),
    };

    private static SheetViews FrozenHeader() => new(new SheetView(
        new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
        new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue>([new("A2")]) })
    {
        WorkbookViewId = 0,
    });

    private static Columns Columns(IReadOnlyList<SheetColumn> columns, uint[] styles) =>
        new(columns.Select((column, index) => new Column
        {
            Min = (uint)index + 1,
            Max = (uint)index + 1,
            Width = column.Width > 0 ? column.Width : Math.Clamp(column.Header.Length + 4, 10, 50),
            CustomWidth = true,
            Style = styles[index],
        }));

    private static DataValidations DropDowns(IReadOnlyDictionary<int, string> choiceRanges, string[] letters) =>
        new(choiceRanges.OrderBy(range => range.Key).Select(range => new DataValidation(new Formula1(range.Value))
        {
            Type = DataValidationValues.List,
            AllowBlank = true,
            ShowErrorMessage = true,
            SequenceOfReferences = new ListValue<StringValue>([new($"{letters[range.Key]}2:{letters[range.Key]}{ValidatedRows + 1}")]),
        }))
        {
            Count = (uint)choiceRanges.Count,
        };
}
