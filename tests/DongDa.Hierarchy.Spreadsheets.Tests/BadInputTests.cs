using System.Diagnostics;
using System.Text;
using static DongDa.Hierarchy.Spreadsheets.Tests.Workbooks;

namespace DongDa.Hierarchy.Spreadsheets.Tests;

public sealed class BadInputTests
{
    private static readonly SheetColumn[] Columns = [new("Họ và tên", ColumnKind.Text), new("Số", ColumnKind.Integer)];

    [Theory]
    [InlineData(SheetFormat.Csv)]
    [InlineData(SheetFormat.Xlsx)]
    public void An_empty_file_is_refused(SheetFormat format)
    {
        var error = Assert.Throws<SheetException>(() => SheetReader.Read(new MemoryStream(), format, Limits));
        Assert.Equal("The file is empty.", error.Message);
    }

    [Fact]
    public void A_csv_of_only_blank_lines_is_empty()
    {
        using var csv = new MemoryStream([.. Encoding.UTF8.Preamble, .. "\r\n  \r\n"u8]);
        Assert.Throws<SheetException>(() => SheetReader.Read(csv, SheetFormat.Csv, Limits));
    }

    [Fact]
    public void A_csv_with_only_empty_cells_has_no_header()
    {
        var error = Assert.Throws<SheetException>(() => SheetReader.Read(new MemoryStream(";;;\r\n;;\r\n"u8.ToArray()), SheetFormat.Csv, Limits));
        Assert.Contains("no header row", error.Message);
    }

    [Fact]
    public void A_workbook_without_rows_has_no_header()
    {
        using var xlsx = WithDom();
        Assert.Contains("no header row", Assert.Throws<SheetException>(() => SheetReader.Read(xlsx, SheetFormat.Xlsx, Limits)).Message);
    }

    [Fact]
    public void A_header_only_workbook_has_no_rows()
    {
        using var xlsx = Xlsx(new Sheet("A", Columns, []));

        var table = SheetReader.Read(xlsx, SheetFormat.Xlsx, Limits);

        Assert.Equal(["Họ và tên", "Số"], table.Headers);
        Assert.Empty(table.Rows);
    }

    [Fact]
    public void A_csv_in_a_windows_code_page_is_refused_in_the_header()
    {
        // Excel's "CSV (Comma delimited)" writes the Windows code page: ê is one byte, not a UTF-8 sequence.
        var latin1 = Encoding.Latin1.GetBytes("Tên,Ghi chú\r\nJosé,Crème brûlée\r\n");
        var error = Assert.Throws<SheetException>(() => SheetReader.Read(new MemoryStream(latin1), SheetFormat.Csv, Limits));
        Assert.Contains("UTF-8", error.Message);
    }

    [Fact]
    public void A_csv_with_a_bad_byte_past_the_header_fails_while_reading_rows()
    {
        // Far past the header, beyond what the reader decodes to find the separator.
        var good = string.Concat(Enumerable.Range(1, 10_000).Select(i => $"Người {i},{i}\r\n"));
        using var csv = new MemoryStream([.. Encoding.UTF8.GetBytes("Tên,Số\r\n" + good), .. "Jos"u8, 0xE9, .. ",2\r\n"u8]);

        var table = SheetReader.Read(csv, SheetFormat.Csv, Limits);

        Assert.Contains("UTF-8", Assert.Throws<SheetException>(() => Rows(table)).Message);
    }

    [Fact]
    public void A_truncated_workbook_is_refused()
    {
        var bytes = Xlsx(new Sheet("A", Columns, [["a", 1]])).ToArray();

        var error = Assert.Throws<SheetException>(() => SheetReader.Read(new MemoryStream(bytes[..(bytes.Length / 2)]), SheetFormat.Xlsx, Limits));

        Assert.Contains("not a readable Excel workbook", error.Message);
    }

    [Fact]
    public void Random_bytes_are_not_a_workbook()
    {
        var bytes = new byte[10_000];
        new Random(7).NextBytes(bytes);

        Assert.Throws<SheetException>(() => SheetReader.Read(new MemoryStream(bytes), SheetFormat.Xlsx, Limits));
    }

    [Fact]
    public void A_zip_that_is_not_a_workbook_is_refused()
    {
        using var zip = new MemoryStream();
        using (var archive = new System.IO.Compression.ZipArchive(zip, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = archive.CreateEntry("readme.txt").Open();
            entry.Write("hello"u8);
        }

        Assert.Throws<SheetException>(() => SheetReader.Read(zip, SheetFormat.Xlsx, Limits));
    }

    [Fact]
    public void A_zip_bomb_is_refused_before_it_expands()
    {
        using var bomb = Bomb(300L << 20);
        Assert.True(bomb.Length < 1 << 20, $"The bomb is {bomb.Length} bytes.");

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        var error = Assert.Throws<SheetException>(() => SheetReader.Read(bomb, SheetFormat.Xlsx, Limits));
        clock.Stop();

        Assert.Contains("256 MB", error.Message);
        Assert.True(clock.ElapsedMilliseconds < 1000, $"Took {clock.ElapsedMilliseconds} ms.");
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - allocated < 1 << 20, "Allocated more than 1 MB.");
    }

    [Fact]
    public void A_zip_compressed_too_tightly_is_refused_even_when_small_enough()
    {
        using var bomb = Bomb(20L << 20);

        var error = Assert.Throws<SheetException>(() => SheetReader.Read(bomb, SheetFormat.Xlsx, Limits));

        Assert.Contains("compressed far more tightly", error.Message);
    }

    [Theory]
    [InlineData(SheetFormat.Csv)]
    [InlineData(SheetFormat.Xlsx)]
    public void More_rows_than_the_limit_are_refused_while_reading(SheetFormat format)
    {
        var rows = Enumerable.Range(1, 11).Select(i => (IReadOnlyList<object?>)[$"Người {i}", i]);
        using var file = new MemoryStream();
        if (format == SheetFormat.Csv)
        {
            SheetWriter.WriteCsv(file, Columns, rows);
        }
        else
        {
            SheetWriter.WriteXlsx(file, [new Sheet("A", Columns, rows)]);
        }

        var table = SheetReader.Read(file, format, new SheetLimits(MaxRows: 10));

        Assert.Equal(10, table.Rows.Take(10).Count());
        Assert.Contains("more than 10 data rows", Assert.Throws<SheetException>(() => Rows(table)).Message);
    }
}
