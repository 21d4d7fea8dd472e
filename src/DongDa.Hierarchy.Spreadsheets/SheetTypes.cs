using System.Collections.Frozen;

namespace DongDa.Hierarchy.Spreadsheets;

/// <summary>The kind of file an office uploaded.</summary>
public enum SheetFormat
{
    Csv,
    Xlsx,
}

/// <summary>
/// One data row. <paramref name="Number"/> is the row number the spreadsheet shows (the header is row 1), so an
/// error message can point the office at the right line. <paramref name="Cells"/> holds at least one cell per header;
/// an empty cell is null. <paramref name="FormulaCells"/> holds the indexes of the cells whose value is the cached
/// result of a formula (always empty for CSV), so an importer can refuse a formula in a text column.
/// </summary>
public sealed record SheetRow(int Number, IReadOnlyList<string?> Cells, IReadOnlySet<int> FormulaCells)
{
    /// <summary>A row without formulas, as every CSV row is.</summary>
    public SheetRow(int number, IReadOnlyList<string?> cells)
        : this(number, cells, NoFormulas)
    {
    }

    internal static readonly IReadOnlySet<int> NoFormulas = FrozenSet<int>.Empty;
}

/// <summary>
/// The header row and the data rows of a sheet. <see cref="Rows"/> streams: each enumeration reads the file again
/// from its start, so the stream handed to <see cref="SheetReader.Read"/> must stay open until the rows are read.
/// Enumerating throws <see cref="SheetException"/> for a fault found past the header, such as too many rows.
/// </summary>
public sealed record SheetTable(IReadOnlyList<string> Headers, IEnumerable<SheetRow> Rows);

/// <summary>
/// What an upload may cost. <paramref name="MaxExpandedBytes"/> and <paramref name="MaxRatio"/> bound what an XLSX
/// (a zip) may expand to, checked on the sizes its directory declares before anything is inflated.
/// </summary>
public sealed record SheetLimits(int MaxRows = 100_000, long MaxExpandedBytes = 256L << 20, int MaxRatio = 200);

/// <summary>A file that cannot be read, with a message meant for the office worker who uploaded it.</summary>
public sealed class SheetException : Exception
{
    public SheetException(string message)
        : base(message)
    {
    }

    public SheetException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
