namespace DongDa.Hierarchy.Spreadsheets;

/// <summary>How a column's values are shown: the number format of its cells in a workbook.</summary>
public enum ColumnKind
{
    Text,
    Integer,
    Decimal,
    Date,
    Percent,
}

/// <summary>
/// A column of an export or a template. <paramref name="Width"/> is in Excel's character widths, 0 for one that
/// fits the header. <paramref name="Choices"/>, when given, become a drop-down list on the template's data rows.
/// </summary>
public sealed record SheetColumn(string Header, ColumnKind Kind, double Width = 0, IReadOnlyList<string>? Choices = null);

/// <summary>
/// A worksheet to write. Each row holds one value per column: string, int, long, double, decimal, DateOnly, bool or
/// null. Rows are enumerated once, as they are written, so they may come straight from a query.
/// </summary>
public sealed record Sheet(string Name, IReadOnlyList<SheetColumn> Columns, IEnumerable<IReadOnlyList<object?>> Rows, bool FreezeHeader = true);
