using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using static DongDa.Hierarchy.Spreadsheets.Tests.Workbooks;

namespace DongDa.Hierarchy.Spreadsheets.Tests;

public sealed class XlsxWriteReadTests
{
    private static readonly SheetColumn[] Columns =
    [
        new("Họ và tên", ColumnKind.Text, 30),
        new("Số thẻ", ColumnKind.Integer),
        new("Ngày vào Đảng", ColumnKind.Date),
        new("Điểm", ColumnKind.Decimal),
        new("Tỉ lệ", ColumnKind.Percent),
        new("Chính thức", ColumnKind.Text),
        new("Loại", ColumnKind.Text, Choices: ["Dự bị", "Chính thức", "Đã chuyển đi"]),
    ];

    private static IEnumerable<IReadOnlyList<object?>> Members(int count) =>
        Enumerable.Range(1, count).Select(i => (IReadOnlyList<object?>)
        [
            $"Nguyễn Thị Ánh {i}",
            i % 7 == 0 ? null : 1_000_000L + i,
            new DateOnly(2000, 1, 1).AddDays(i),
            i + 0.25m,
            i % 5 == 0 ? "" : 0.125,
            i % 2 == 0,
            "Dự bị",
        ]);

    [Fact]
    public void Ten_thousand_rows_come_back_as_written()
    {
        using var xlsx = Xlsx(new Sheet("Đảng viên", Columns, Members(10_000)));

        var table = SheetReader.Read(xlsx, SheetFormat.Xlsx, Limits);
        var rows = Rows(table);

        Assert.Equal(Columns.Select(column => column.Header), table.Headers);
        Assert.Equal(10_000, rows.Count);
        Assert.Equal(new string?[] { "Nguyễn Thị Ánh 1", "1000001", "2000-01-02", "1.25", "0.125", "false", "Dự bị" }, rows[0].Cells);
        Assert.Equal(2, rows[0].Number);
        Assert.Equal(new string?[] { "Nguyễn Thị Ánh 35", null, "2000-02-05", "35.25", null, "false", "Dự bị" }, rows[34].Cells);
        Assert.Equal(10_001, rows[^1].Number);
        Assert.All(rows, row => Assert.Empty(row.FormulaCells));
    }

    [Fact]
    public void The_workbook_is_valid_with_frozen_header_widths_and_drop_downs()
    {
        using var xlsx = Xlsx(
            new Sheet("Mẫu: nhập/xuất [2025]*?", Columns, Members(3)),
            new Sheet("Mẫu: nhập/xuất [2025]*?", Columns, [], FreezeHeader: false));

        AssertValid(xlsx);
        using var document = SpreadsheetDocument.Open(xlsx, isEditable: false);
        var workbook = document.WorkbookPart!;
        var entries = workbook.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().ToList();
        Assert.Equal(["Mẫu_ nhập_xuất _2025___", "Mẫu_ nhập_xuất _2025___ (2)", "Lists"], entries.Select(entry => entry.Name!.Value));
        Assert.Equal(SheetStateValues.Hidden, entries[2].State!.Value);

        var first = ((WorksheetPart)workbook.GetPartById(entries[0].Id!)).Worksheet;
        var pane = first.Descendants<Pane>().Single();
        Assert.Equal(PaneStateValues.Frozen, pane.State!.Value);
        Assert.Equal("A2", pane.TopLeftCell!.Value);
        Assert.Equal(30, first.Descendants<Column>().First().Width!.Value);
        var dropDown = first.Descendants<DataValidation>().Single();
        Assert.Equal(DataValidationValues.List, dropDown.Type!.Value);
        Assert.Equal("G2:G1001", dropDown.SequenceOfReferences!.InnerText);
        Assert.Equal("'Lists'!$A$2:$A$4", dropDown.Formula1!.Text);

        var second = ((WorksheetPart)workbook.GetPartById(entries[1].Id!)).Worksheet;
        Assert.Empty(second.Descendants<Pane>());
        Assert.Equal("'Lists'!$B$2:$B$4", second.Descendants<DataValidation>().Single().Formula1!.Text);
    }

    [Fact]
    public void Text_that_XML_cannot_hold_is_cleaned_and_spaces_kept_inside()
    {
        using var xlsx = Xlsx(new Sheet("A", [new("Ghi chú", ColumnKind.Text)], [["a\u0001b 😀\nc"], ["  lề  "]]));

        AssertValid(xlsx);
        var rows = Rows(SheetReader.Read(xlsx, SheetFormat.Xlsx, Limits));

        Assert.Equal("ab 😀\nc", rows[0].Cells[0]);
        Assert.Equal("lề", rows[1].Cells[0]);
    }

    [Fact]
    public void A_workbook_streams_to_a_stream_that_cannot_seek()
    {
        using var buffer = new MemoryStream();
        using (var forwardOnly = new ForwardOnlyStream(buffer))
        {
            SheetWriter.WriteXlsx(forwardOnly, [new Sheet("A", Columns, Members(100))]);
        }

        using var written = new MemoryStream(buffer.ToArray());
        Assert.Equal(100, Rows(SheetReader.Read(written, SheetFormat.Xlsx, Limits)).Count);
    }

    [Fact]
    public void Values_of_an_unsupported_type_or_count_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Xlsx(new Sheet("A", [new("X", ColumnKind.Text)], [[new object()]])));
        Assert.Throws<ArgumentException>(() => Xlsx(new Sheet("A", [new("X", ColumnKind.Text)], [["a", "b"]])));
        Assert.Throws<ArgumentException>(() => Xlsx(new Sheet("A", [new("X", ColumnKind.Decimal)], [[double.NaN]])));
    }

    /// <summary>What a response body looks like to the writer: write-only, no length, no seeking.</summary>
    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}
