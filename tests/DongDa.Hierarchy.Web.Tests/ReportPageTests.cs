using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.Playwright;

namespace DongDa.Hierarchy.Web.Tests;

/// <summary>
/// A newcomer of the district office signs in, chooses the district and the first half of the term,
/// presses "Báo cáo (Word)" and gets the Word report with the article's figures; the page to print
/// opens beside it, without a console error, and prints as A4 pages under one document heading.
/// </summary>
[Collection(PageCollection.Name)]
public sealed class ReportPageTests(PageFixture fixture)
{
    [Fact]
    public async Task The_district_office_downloads_the_mid_term_report_and_prints_its_page()
    {
        using var made = await fixture.Host.Client.PostAsJsonAsync("/api/v1/orgs/dong-da/accounts",
            new { userName = "van-phong-quan-uy", displayName = "Văn phòng Quận ủy Đống Đa", role = "viewer" });
        var password = (await made.Content.ReadFromJsonAsync<JsonNode>())!["initialPassword"]!.GetValue<string>();
        var (page, problems) = await fixture.NewSignedOutPage();
        await page.GotoAsync(fixture.Host.Client.BaseAddress!.ToString());
        await page.GetByLabel("Tên đăng nhập", new() { Exact = true }).FillAsync("van-phong-quan-uy");
        await page.GetByLabel("Mật khẩu", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.GetByLabel("Mật khẩu hiện tại").FillAsync(password);
        await page.GetByLabel("Mật khẩu mới").FillAsync("van-phong-2026-moi");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(page.Locator("#org-name")).ToHaveTextAsync("Đảng bộ quận Đống Đa");
        await page.Locator("#preset").SelectOptionAsync("half");
        await Assertions.Expect(page.Locator("#report-docx")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("from=2020-10-01&to=2022-12-31"));

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Báo cáo (Word)" }).ClickAsync());
        Assert.Equal("Báo-cáo-sơ-kết-đảng-bộ-quận-Đống-Đa-2020-10-01-2022-12-31.docx", download.SuggestedFilename);
        var saved = Path.Combine(PageFixture.Screenshots, "report-district-2020-10-01-2022-12-31.docx");
        await download.SaveAsAsync(saved);
        using (var document = WordprocessingDocument.Open(saved, isEditable: false))
        {
            var text = document.MainDocumentPart!.Document!.Body!.InnerText;
            Assert.Contains("QUẬN ỦY ĐỐNG ĐA", text);
            Assert.Contains("24 lớp quán triệt, học tập nghị quyết, chỉ thị của Đảng cho 10.479 lượt cán bộ, đảng viên", text);
        }

        var report = await page.RunAndWaitForPopupAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Xem báo cáo để in" }).ClickAsync());
        var reportProblems = await PageWatch.WatchAsync(report, token: null);
        await report.ReloadAsync();
        await Assertions.Expect(report.Locator("h1")).ToHaveTextAsync("BÁO CÁO");
        await Assertions.Expect(report.Locator("header.heading")).ToHaveCountAsync(1);
        await report.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PageFixture.Screenshots, "report-first-screen.png") });
        await report.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PageFixture.Screenshots, "report.png"), FullPage = true });
        var pdf = await report.PdfAsync(new PagePdfOptions { Path = Path.Combine(PageFixture.Screenshots, "report-district.pdf"), PreferCSSPageSize = true });

        // A4 (595 × 842 points) on every page; the document heading, issuing body left and the party's right, printed once, on the first page.
        var pages = MediaBoxes(pdf);
        Assert.True(pages.Count >= 2, $"{pages.Count} pages");
        Assert.All(pages, box => Assert.Equal((595, 842), box));
        var (issuer, party) = (await report.Locator(".heading .issuer").BoundingBoxAsync(), await report.Locator(".heading .party").BoundingBoxAsync());
        Assert.True(issuer!.X + issuer.Width <= party!.X, "the issuing body stands left of the party heading");
        Assert.Empty(reportProblems);
        var axe = await report.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
        Assert.Empty(axe.Violations.Where(violation => violation.Impact is "serious" or "critical").Select(violation => $"{violation.Id}: {violation.Help}"));
        // The browser logs the 401 the page was answered before signing in; nothing else went wrong.
        Assert.All(problems, problem => Assert.Contains("status of 401", problem));
    }

    /// <summary>The size of each page of a PDF Chromium printed, in whole points.</summary>
    private static List<(int Width, int Height)> MediaBoxes(byte[] pdf) =>
        [.. System.Text.RegularExpressions.Regex.Matches(Encoding.Latin1.GetString(pdf), @"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]")
            .Select(match => ((int)Math.Round(double.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)),
                (int)Math.Round(double.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture))))];
}
