using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace DongDa.Hierarchy.Web.Tests;

/// <summary>
/// The drill-down page in headless Chromium against the host process on the seeded data: the figures
/// shown are the API's for the period chosen, clicks drill from the district to a cell, search works
/// without diacritics, the language switches, and back and forward return to the same node.
/// </summary>
public sealed class DrillDownPageTests(PageFixture fixture, ITestOutputHelper output) : IClassFixture<PageFixture>
{
    private const string Ward = "Đảng bộ phường Láng Thượng";

    private async Task<string> ApiClasses(string org, string from, string to) =>
        (await fixture.Host.Client.GetFromJsonAsync<JsonNode>($"/api/v1/orgs/{org}/metrics?from={from}&to={to}"))!["total"]!["study"]!["classes"]!.GetValue<long>().ToString();

    private static ILocator Classes(IPage page) => page.Locator("table[data-group=study] tr[data-figure=classes] td").First;

    [Fact]
    public async Task The_district_shows_the_api_figures_and_clicks_drill_down_to_a_cell()
    {
        var (page, problems) = await fixture.NewPage();
        var clock = Stopwatch.StartNew();
        await page.GotoAsync(fixture.Host.Client.BaseAddress!.ToString());
        await Assertions.Expect(Classes(page)).Not.ToBeEmptyAsync();
        output.WriteLine($"First view of the district with its figures: {clock.ElapsedMilliseconds} ms");
        Assert.Equal(await ApiClasses("dong-da", "2020-10-01", "2025-09-30"), await Classes(page).GetAttributeAsync("data-value"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PageFixture.Screenshots, "district.png"), FullPage = true });

        await page.GetByRole(AriaRole.Link, new() { Name = Ward, Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#org-name")).ToHaveTextAsync(Ward);
        await Assertions.Expect(Classes(page)).ToHaveAttributeAsync("data-value", await ApiClasses("phuong-lang-thuong", "2020-10-01", "2025-09-30"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PageFixture.Screenshots, "ward.png"), FullPage = true });

        await page.Locator("#children a").First.ClickAsync();
        await Assertions.Expect(page.Locator("#breadcrumb li")).ToHaveCountAsync(3);
        Assert.Empty(problems);
    }

    [Fact]
    public async Task Choosing_a_year_shows_the_api_figures_for_that_year()
    {
        var (page, problems) = await fixture.NewPage();
        await page.GotoAsync(fixture.Host.Client.BaseAddress!.ToString());
        await Assertions.Expect(Classes(page)).Not.ToBeEmptyAsync();

        await page.SelectOptionAsync("#year-choice", "2021");
        await page.SelectOptionAsync("#preset", "year");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("period=year%3A2021"));
        await Assertions.Expect(Classes(page)).ToHaveAttributeAsync("data-value", await ApiClasses("dong-da", "2021-01-01", "2021-12-31"));
        Assert.Empty(problems);
    }

    [Fact]
    public async Task Search_without_diacritics_finds_the_ward_and_back_and_forward_return_to_each_node()
    {
        var (page, problems) = await fixture.NewPage();
        await page.GotoAsync(fixture.Host.Client.BaseAddress!.ToString());
        await Assertions.Expect(page.Locator("#org-name")).ToHaveTextAsync("Đảng bộ quận Đống Đa");

        await page.FillAsync("#search", "lang thuong");
        await page.Locator("#search-results").GetByRole(AriaRole.Link, new() { Name = Ward, Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#org-name")).ToHaveTextAsync(Ward);

        await page.GoBackAsync();
        await Assertions.Expect(page.Locator("#org-name")).ToHaveTextAsync("Đảng bộ quận Đống Đa");
        await page.GoForwardAsync();
        await Assertions.Expect(page.Locator("#org-name")).ToHaveTextAsync(Ward);
        Assert.Empty(problems);
    }

    [Fact]
    public async Task The_language_switch_shows_english_labels_and_numbers_and_keeps_the_node()
    {
        var (page, problems) = await fixture.NewPage(width: 390);
        await page.GotoAsync(fixture.Host.Client.BaseAddress + "?org=phuong-lang-thuong");
        await Assertions.Expect(page.Locator("table[data-group=study] tr[data-figure=classes] th")).ToHaveTextAsync("Lớp học tập nghị quyết");

        await page.ClickAsync("#language");
        await Assertions.Expect(page.Locator("table[data-group=study] tr[data-figure=classes] th")).ToHaveTextAsync("Study classes");
        await Assertions.Expect(page.Locator("#org-name")).ToHaveTextAsync(Ward);
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PageFixture.Screenshots, "ward-phone-en.png"), FullPage = true });
        Assert.Empty(problems);
    }

    [Fact]
    public async Task A_token_for_one_ward_opens_on_that_ward_and_reads_nothing_above_it()
    {
        var (page, problems) = await fixture.NewPage(token: await fixture.Token("phuong-lang-ha", "viewer"));
        await page.GotoAsync(fixture.Host.Client.BaseAddress!.ToString());

        await Assertions.Expect(page.Locator("#org-name")).ToHaveTextAsync("Đảng bộ phường Láng Hạ");
        await Assertions.Expect(Classes(page)).ToHaveAttributeAsync("data-value", await ApiClasses("phuong-lang-ha", "2020-10-01", "2025-09-30"));
        await Assertions.Expect(page.Locator("#breadcrumb li")).ToHaveCountAsync(1);
        Assert.Empty(problems);
    }

    [Theory]
    [InlineData("term", "2020-10-01", "2025-09-30")]
    [InlineData("half", "2020-10-01", "2022-12-31")]
    [InlineData("year:2023", "2023-01-01", "2023-12-31")]
    [InlineData("quarter:2024-1", "2024-01-01", "2024-03-31")]
    [InlineData("quarter:2021-4", "2021-10-01", "2021-12-31")]
    [InlineData("custom:2021-02-01..2021-02-28", "2021-02-01", "2021-02-28")]
    public async Task Period_presets_give_their_dates(string preset, string from, string to)
    {
        var (page, _) = await fixture.NewPage();
        await page.GotoAsync(fixture.Host.Client.BaseAddress + "periods.js");
        var period = await page.EvaluateAsync<JsonElement>($"import('/periods.js').then(m => m.periodOf('{preset}'))");
        Assert.Equal((from, to), (period.GetProperty("from").GetString(), period.GetProperty("to").GetString()));
    }

    [Theory]
    [InlineData("custom:2021-02-30..2021-03-01")]
    [InlineData("custom:2022-01-01..2021-01-01")]
    [InlineData("quarter:2021-5")]
    [InlineData("year:21")]
    public async Task Impossible_presets_give_no_period(string preset)
    {
        var (page, _) = await fixture.NewPage();
        await page.GotoAsync(fixture.Host.Client.BaseAddress + "periods.js");
        Assert.True(await page.EvaluateAsync<bool>($"import('/periods.js').then(m => m.periodOf('{preset}') === null)"));
    }
}
