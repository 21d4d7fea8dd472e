using System.Text;
using static DongDa.Hierarchy.Spreadsheets.Tests.Workbooks;

namespace DongDa.Hierarchy.Spreadsheets.Tests;

public sealed class CsvTests
{
    private static MemoryStream Bytes(string text, bool bom = false) =>
        new([.. bom ? Encoding.UTF8.Preamble : [], .. Encoding.UTF8.GetBytes(text)]);

    [Fact]
    public void Text_a_spreadsheet_would_run_as_a_formula_is_written_behind_an_apostrophe_and_read_back_as_it_was()
    {
        SheetColumn[] columns = [new("Tên", ColumnKind.Text)];
        using var csv = new MemoryStream();
        SheetWriter.WriteCsv(csv, columns, [["=HYPERLINK(\"http://x\")"], ["+1"], ["-Chi bộ"], ["@SUM(A1)"], ["'thường"]]);

        var text = Encoding.UTF8.GetString(csv.ToArray()[3..]);
        Assert.Contains("\"'=HYPERLINK(\"\"http://x\"\")\"\r\n'+1\r\n'-Chi bộ\r\n'@SUM(A1)\r\n'thường\r\n", text);
        Assert.Equal(["=HYPERLINK(\"http://x\")", "+1", "-Chi bộ", "@SUM(A1)", "'thường"], SheetReader.Read(csv, SheetFormat.Csv, Limits).Rows.Select(row => row.Cells[0]));
    }

    [Fact]
    public void A_written_csv_reads_back_the_same()
    {
        SheetColumn[] columns = [new("Họ và tên", ColumnKind.Text), new("Số", ColumnKind.Integer), new("Ngày", ColumnKind.Date), new("Điểm", ColumnKind.Decimal), new("Ghi chú", ColumnKind.Text)];
        IReadOnlyList<object?>[] rows =
        [
            ["Trần Văn Bình", 12L, new DateOnly(2024, 3, 5), 3.5, "có \"ngoặc\", dấu phẩy; chấm phẩy\r\nvà dòng mới"],
            [null, 1_234_567, new DateOnly(1999, 12, 31), 0.1m, true],
        ];
        using var csv = new MemoryStream();
        SheetWriter.WriteCsv(csv, columns, rows);

        var bytes = csv.ToArray();
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("Họ và tên,Số,Ngày,Điểm,Ghi chú\r\nTrần Văn Bình,12,2024-03-05,3.5,\"có \"\"ngoặc\"\"", text);
        Assert.EndsWith("\r\n,1234567,1999-12-31,0.1,true\r\n", text);

        var table = SheetReader.Read(csv, SheetFormat.Csv, Limits);
        var read = Rows(table);
        Assert.Equal(columns.Select(column => column.Header), table.Headers);
        Assert.Equal(new string?[] { "Trần Văn Bình", "12", "2024-03-05", "3.5", "có \"ngoặc\", dấu phẩy; chấm phẩy\r\nvà dòng mới" }, read[0].Cells);
        Assert.Equal(new string?[] { null, "1234567", "1999-12-31", "0.1", "true" }, read[1].Cells);
        Assert.Equal([2, 3], read.Select(row => row.Number));
    }

    [Fact]
    public void A_semicolon_csv_with_a_bom_from_Vietnamese_Excel_is_read()
    {
        using var csv = Bytes("Họ và tên;Số tiền;Ghi chú\r\n Lê Thị Hoa ;1,5;\"a;b, c\"\r\n;;\r\nPhạm Văn Đức;;\"dòng 1\ndòng \"\"2\"\"\"\r\nNgô Quyền;2\r\n\r\n\r\n", bom: true);

        var table = SheetReader.Read(csv, SheetFormat.Csv, Limits);
        var rows = Rows(table);

        Assert.Equal(["Họ và tên", "Số tiền", "Ghi chú"], table.Headers);
        Assert.Equal(3, rows.Count);
        Assert.Equal(new string?[] { "Lê Thị Hoa", "1,5", "a;b, c" }, rows[0].Cells);
        Assert.Equal(new string?[] { "Phạm Văn Đức", null, "dòng 1\ndòng \"2\"" }, rows[1].Cells);
        Assert.Equal(new string?[] { "Ngô Quyền", "2", null }, rows[2].Cells);
        Assert.Equal([2, 4, 5], rows.Select(row => row.Number));
        Assert.All(rows, row => Assert.Empty(row.FormulaCells));
    }

    [Fact]
    public void A_comma_header_with_quoted_semicolons_is_comma_separated()
    {
        using var csv = Bytes("\"a;b;c\",d\n1,2\n");

        var table = SheetReader.Read(csv, SheetFormat.Csv, Limits);

        Assert.Equal(["a;b;c", "d"], table.Headers);
        Assert.Equal(new string?[] { "1", "2" }, Assert.Single(Rows(table)).Cells);
    }

    [Fact]
    public void A_header_only_file_has_no_rows()
    {
        var table = SheetReader.Read(Bytes("Họ và tên,Số\r\n"), SheetFormat.Csv, Limits);

        Assert.Equal(["Họ và tên", "Số"], table.Headers);
        Assert.Empty(table.Rows);
    }
}
