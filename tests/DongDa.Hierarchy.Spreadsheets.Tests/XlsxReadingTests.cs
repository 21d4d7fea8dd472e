using DocumentFormat.OpenXml.Spreadsheet;
using static DongDa.Hierarchy.Spreadsheets.Tests.Workbooks;

namespace DongDa.Hierarchy.Spreadsheets.Tests;

/// <summary>Workbooks as Excel saves them: shared strings, styles, formulas and sparse rows.</summary>
public sealed class XlsxReadingTests
{
    private static Row Header() => new(
        Cell("A1", CellValues.SharedString, "0"),
        Cell("B1", CellValues.SharedString, "2"),
        Cell("C1", CellValues.SharedString, "3"),
        Cell("D1", "Ghi chú"),
        Cell("E1", "Đúng"))
    { RowIndex = 1 };

    [Fact]
    public void The_first_worksheet_is_read_with_shared_strings_dates_and_booleans()
    {
        using var xlsx = WithDom(
            Header(),
            new Row(
                Cell("A2", CellValues.SharedString, "1"),
                Cell("B2", CellValues.Number, "45356", style: 1),
                Cell("C2", CellValues.Number, "1234567", style: 3),
                Cell("D2", CellValues.String, "  có khoảng trắng  "),
                Cell("E2", CellValues.Boolean, "1"))
            { RowIndex = 2 },
            new Row(Cell("B3", CellValues.Number, "36526.75", style: 2), Cell("C3", CellValues.Number, "1.5E-3")) { RowIndex = 3 });

        var table = SheetReader.Read(xlsx, SheetFormat.Xlsx, Limits);
        var rows = Rows(table);

        Assert.Equal(["Họ và tên", "Ngày sinh", "Số", "Ghi chú", "Đúng"], table.Headers);
        Assert.Equal(new string?[] { "Nguyễn Văn A", "2024-03-05", "1234567", "có khoảng trắng", "true" }, rows[0].Cells);
        Assert.Equal(new string?[] { null, "2000-01-01", "0.0015", null, null }, rows[1].Cells);
    }

    [Fact]
    public void A_formula_cell_gives_its_cached_value_and_is_reported()
    {
        var formula = Cell("C2", CellValues.Number, "42");
        formula.CellFormula = new CellFormula("B2*2");
        using var xlsx = WithDom(Header(), new Row(Cell("A2", "x"), Cell("B2", CellValues.Number, "21"), formula) { RowIndex = 2 });

        var row = Assert.Single(Rows(SheetReader.Read(xlsx, SheetFormat.Xlsx, Limits)));

        Assert.Equal("42", row.Cells[2]);
        Assert.Equal([2], row.FormulaCells);
    }

    [Fact]
    public void Sparse_rows_land_in_their_columns_and_keep_their_numbers()
    {
        using var xlsx = WithDom(
            Header(),
            new Row(Cell("C5", CellValues.Number, "7")) { RowIndex = 5 },
            new Row(Cell("A6", "đầu"), Cell("E6", "cuối")) { RowIndex = 6 },
            new Row(Cell("B7", CellValues.String, "   ")) { RowIndex = 7 },
            new Row(Cell("F8", "ngoài cột")) { RowIndex = 8 });

        var rows = Rows(SheetReader.Read(xlsx, SheetFormat.Xlsx, Limits));

        Assert.Equal([5, 6, 8], rows.Select(row => row.Number));
        Assert.Equal(new string?[] { null, null, "7", null, null }, rows[0].Cells);
        Assert.Equal(new string?[] { "đầu", null, null, null, "cuối" }, rows[1].Cells);
        Assert.Equal(new string?[] { null, null, null, null, null, "ngoài cột" }, rows[2].Cells);
    }
}
