using System.Text;
using DongDa.Hierarchy.TestSupport;
using static DongDa.Hierarchy.Spreadsheets.Tests.Workbooks;

namespace DongDa.Hierarchy.Spreadsheets.Tests;

/// <summary>An office opens what we write: LibreOffice Calc converts a written workbook to CSV, showing what a person sees.</summary>
public sealed class LibreOfficeTests
{
    [Fact]
    public async Task LibreOffice_shows_the_values_as_written()
    {
        var folder = Directory.CreateTempSubdirectory("dongda-sheets-");
        try
        {
            var xlsx = Path.Combine(folder.FullName, "export.xlsx");
            using (var file = File.Create(xlsx))
            {
                SheetWriter.WriteXlsx(file, [new Sheet(
                    "Đảng viên",
                    [new("Họ và tên", ColumnKind.Text), new("Số thẻ", ColumnKind.Integer), new("Ngày vào Đảng", ColumnKind.Date), new("Loại", ColumnKind.Text, Choices: ["Dự bị", "Chính thức"])],
                    [["Nguyễn Thị Ánh", 1_234_567L, new DateOnly(2024, 3, 5), "Dự bị"], ["Đỗ Văn Đức", 42, new DateOnly(1999, 12, 31), null]])]);
            }

            // UTF-8 (76), comma (44), double quote (34), an en-US locale.
            var csv = await File.ReadAllTextAsync(
                await LibreOffice.Convert(xlsx, "csv:Text - txt - csv (StarCalc):44,34,76,1", new Dictionary<string, string> { ["LC_ALL"] = "C.UTF-8" }), Encoding.UTF8);

            // Calc quotes the cells of text columns and shows numbers and dates in their formats (its locale is en-US).
            Assert.Equal(
                """
                "Họ và tên","Số thẻ","Ngày vào Đảng","Loại"
                "Nguyễn Thị Ánh","1,234,567",05/03/2024,"Dự bị"
                "Đỗ Văn Đức",42,31/12/1999,

                """,
                csv.ReplaceLineEndings("\n"));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
