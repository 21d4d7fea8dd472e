using System.Diagnostics;
using System.Text;
using static DongDa.Hierarchy.Spreadsheets.Tests.Workbooks;

namespace DongDa.Hierarchy.Spreadsheets.Tests;

/// <summary>An office opens what we write: LibreOffice Calc converts a written workbook to CSV, showing what a person sees.</summary>
public sealed class LibreOfficeTests
{
    [Fact]
    public void LibreOffice_shows_the_values_as_written()
    {
        if (!OnPath("soffice"))
        {
            return;
        }

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

            var csv = Convert(xlsx, folder.FullName);

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

    private static string Convert(string xlsx, string folder)
    {
        // UTF-8 (76), comma (44), double quote (34), an en-US locale; a private profile so a concurrent LibreOffice does not lock it.
        var start = new ProcessStartInfo("soffice")
        {
            ArgumentList =
            {
                $"-env:UserInstallation=file://{folder}/profile", "--headless",
                "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", folder, xlsx,
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["LC_ALL"] = "C.UTF-8" },
        };
        using var soffice = Process.Start(start)!;
        var output = soffice.StandardOutput.ReadToEndAsync();
        var errors = soffice.StandardError.ReadToEndAsync();
        if (!soffice.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            soffice.Kill(entireProcessTree: true);
            Assert.Fail("LibreOffice did not convert the workbook within two minutes.");
        }

        var csv = Path.ChangeExtension(xlsx, ".csv");
        Assert.True(File.Exists(csv), $"LibreOffice wrote no CSV (is Calc installed?): {output.Result} {errors.Result}");
        return File.ReadAllText(csv, Encoding.UTF8);
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(folder => File.Exists(Path.Combine(folder, program)));
}
