using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using DongDa.Hierarchy.Spreadsheets;
using Microsoft.Playwright;

namespace DongDa.Hierarchy.Web.Tests;

/// <summary>
/// A ward office downloads the inspection template from the page, fills in three rows for two of
/// its cells, imports it and sees the ward's figures rise; a file with a bad row shows the table
/// of errors and changes nothing; the ward's figures export as a workbook.
/// </summary>
[Collection(PageCollection.Name)]
public sealed class ImportPageTests(PageFixture fixture)
{
    private const string Ward = "phuong-o-cho-dua";

    private async Task<long> WardInspections()
    {
        var total = (await fixture.Host.Client.GetFromJsonAsync<JsonNode>($"/api/v1/orgs/{Ward}/metrics"))!["total"]!["inspections"]!;
        return total["organizations"]!.GetValue<long>() + total["individuals"]!.GetValue<long>();
    }

    [Fact]
    public async Task A_ward_office_fills_in_the_template_imports_it_and_sees_the_figures_rise()
    {
        var cells = (await fixture.Host.Client.GetFromJsonAsync<JsonNode>($"/api/v1/orgs/{Ward}"))!["childIds"]!.AsArray().Select(id => id!.GetValue<string>()).Take(2).ToList();
        var before = await WardInspections();
        var (page, problems) = await fixture.NewPage();
        await page.GotoAsync(fixture.Host.Client.BaseAddress + $"?org={Ward}");
        await page.SelectOptionAsync("#record-kind", "inspections");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Tải tệp mẫu của loại hồ sơ này" }).ClickAsync());
        var template = SheetReader.Read(File.OpenRead(await download.PathAsync()), SheetFormat.Xlsx, new SheetLimits());
        var headers = template.Headers.ToList();
        object?[] Row(string org, string id, string target, string name) =>
            [.. headers.Select(header => header switch
            {
                "Mã tổ chức" => org,
                "Mã hồ sơ" => id,
                "Ngày" => (object)new DateOnly(2023, 6, 12),
                "Đối tượng" => target,
                "Tên đối tượng" => name,
                "Nội dung" => "Kiểm tra việc thực hiện Quy định 08",
                "Có vi phạm" => "Không",
                "Hình thức kỷ luật" => "Không",
                _ => null,
            })];
        var filled = Path.Combine(PageFixture.Screenshots, "kiem-tra-da-dien.xlsx");
        using (var file = File.Create(filled))
        {
            SheetWriter.WriteXlsx(file, [new Sheet("Nhập liệu", [.. headers.Select(header => new SheetColumn(header, header == "Ngày" ? ColumnKind.Date : ColumnKind.Text))],
                [Row(cells[0], "ocd-kt-1", "Tổ chức đảng", "Chi bộ khu dân cư"), Row(cells[1], "ocd-kt-2", "Cá nhân", "Đồng chí Trần Văn C"), Row(cells[1], "ocd-kt-3", "Cá nhân", "Đồng chí Lê Thị D")])]);
        }

        await page.GetByLabel("Tệp Excel (.xlsx) hoặc CSV đã điền").SetInputFilesAsync(filled);
        await page.GetByRole(AriaRole.Button, new() { Name = "Nhập", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#import-status")).ToHaveTextAsync("Đã nhập 3 dòng: 3 hồ sơ mới, 0 hồ sơ đã có từ trước.");
        Assert.Equal(before + 3, await WardInspections());

        // One bad row among good ones: the table says which and why, and nothing is stored.
        var bad = Path.Combine(PageFixture.Screenshots, "kiem-tra-co-loi.csv");
        await File.WriteAllTextAsync(bad, string.Join("\r\n", [string.Join(';', headers),
            $"{cells[0]};ocd-kt-4;2023-06-13;Cá nhân;Đồng chí E;;Nội dung;Không;Không",
            $"{cells[0]};ocd-kt-5;31/02/2023;Cá nhân;Đồng chí F;;Nội dung;Không;Không"]), new System.Text.UTF8Encoding(true));
        await page.GetByLabel("Tệp Excel (.xlsx) hoặc CSV đã điền").SetInputFilesAsync(bad);
        await page.GetByRole(AriaRole.Button, new() { Name = "Nhập", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#import-status")).ToHaveTextAsync("1 trong 2 dòng chưa đúng; chưa nhập dòng nào. Sửa các dòng dưới đây rồi nhập lại.");
        await Assertions.Expect(page.Locator("#import-errors tbody tr").First).ToContainTextAsync("3");
        await Assertions.Expect(page.Locator("#import-errors tbody tr").First).ToContainTextAsync("date");
        await page.Locator("#import-form").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(PageFixture.Screenshots, "import-errors.png") });
        var axe = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
        Assert.Empty(axe.Violations.Where(violation => violation.Impact is "serious" or "critical").Select(violation => $"{violation.Id}: {violation.Help}"));
        Assert.Equal(before + 3, await WardInspections());

        var exported = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Xuất Excel" }).ClickAsync());
        var figures = SheetReader.Read(File.OpenRead(await exported.PathAsync()), SheetFormat.Xlsx, new SheetLimits());
        Assert.Equal(Ward, figures.Rows.First().Cells[0]);
        // The browser logs the 400 the bad file was answered; nothing else went wrong.
        Assert.All(problems, problem => Assert.Contains("status of 400", problem));
    }
}
