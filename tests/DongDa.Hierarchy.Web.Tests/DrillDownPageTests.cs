using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace DongDa.Hierarchy.Web.Tests;

/// <summary>
/// The drill-down page in headless Chromium against the host process on the seeded data: the figures
/// shown are the API's for the period chosen, clicks drill from the district to a cell, search works
/// without diacritics, the language switches, and back and forward return to the same node.
/// </summary>
[Collection(PageCollection.Name)]
public sealed class DrillDownPageTests(PageFixture fixture, ITestOutputHelper output)
{
    private const string Ward = "Đảng bộ phường Láng Thượng";

    private static ILocator Classes(IPage page) => page.Locator("table[data-group=study] tr[data-figure='study.classes'] td").First;

    /// <summary>Each figure the page shows, read the way the contract defines it from a MetricSet.</summary>
    private static readonly Dictionary<string, Func<JsonNode, long>> Figures = new()
    {
        ["study.classes"] = m => L(m, "study.classes"), ["study.attendees"] = m => L(m, "study.attendees"),
        ["study.registeredOrgs"] = m => L(m, "study.registeredOrgs"), ["study.registeredMembers"] = m => L(m, "study.registeredMembers"),
        ["commendations.hoChiMinhStudy.collectives"] = m => Levels(m, "commendations.hoChiMinhStudy.collectives"), ["commendations.hoChiMinhStudy.individuals"] = m => Levels(m, "commendations.hoChiMinhStudy.individuals"),
        ["commendations.goodPeopleGoodDeeds.collectives"] = m => Levels(m, "commendations.goodPeopleGoodDeeds.collectives"), ["commendations.goodPeopleGoodDeeds.individuals"] = m => Levels(m, "commendations.goodPeopleGoodDeeds.individuals"),
        ["inspections.organizations"] = m => L(m, "inspections.organizations"), ["inspections.individuals"] = m => L(m, "inspections.individuals"),
        ["inspections.violations"] = m => L(m, "inspections.violations"), ["inspections.disciplined"] = m => L(m, "inspections.disciplined"),
        ["supervisions.organizations"] = m => L(m, "supervisions.organizations"), ["supervisions.individuals"] = m => L(m, "supervisions.individuals"),
        ["supervisions.thematic"] = m => L(m, "supervisions.thematic"),
        ["massMobilization.collectives"] = m => Levels(m, "massMobilization.collectives"), ["massMobilization.individuals"] = m => Levels(m, "massMobilization.individuals"),
        ["massMobilization.models"] = m => L(m, "massMobilization.models"),
    };

    private static long L(JsonNode node, string path) => path.Split('.').Aggregate(node, (at, name) => at[name]!).GetValue<long>();

    private static long Levels(JsonNode node, string path) => L(node, path + ".city") + L(node, path + ".district") + L(node, path + ".grassroots");

    private static readonly System.Globalization.CultureInfo Vietnamese = System.Globalization.CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>Every figure row on the page shows the API's total and its split by conducting level, in the page's number format.</summary>
    private async Task AssertFiguresAreTheApis(IPage page, string org, string from, string to)
    {
        var metrics = (await fixture.Host.Client.GetFromJsonAsync<JsonNode>($"/api/v1/orgs/{org}/metrics?from={from}&to={to}"))!;
        await Assertions.Expect(Classes(page)).ToHaveAttributeAsync("data-value", Figures["study.classes"](metrics["total"]!).ToString());
        foreach (var (figure, read) in Figures)
        {
            var cells = await page.Locator($"tr[data-figure='{figure}'] td").AllInnerTextsAsync();
            var expected = new[] { metrics["total"]! }.Concat(new[] { "district", "grassroots", "partial", "cell" }.Select(level => metrics["byConductorLevel"]![level]!))
                .Select(set => read(set).ToString("#,0", Vietnamese)).ToList();
            Assert.Equal(expected, cells.Select(cell => cell.Trim()).ToList());
        }
    }

    /// <summary>Each organization below is listed with the API's figure for it, registered members by default, in the API's order, with a bar each.</summary>
    private async Task AssertChildrenAreTheApis(IPage page, string org, string from, string to)
    {
        var drilldown = (await fixture.Host.Client.GetFromJsonAsync<JsonNode>($"/api/v1/orgs/{org}/drilldown?from={from}&to={to}"))!;
        var expected = drilldown["children"]!.AsArray()
            .Select(child => $"{child!["org"]!["name"]}\t{Figures["study.registeredMembers"](child["total"]!).ToString("#,0", Vietnamese)}").ToList();
        Assert.NotEmpty(expected);
        await Assertions.Expect(page.Locator("#children-chart rect")).ToHaveCountAsync(expected.Count);
        Assert.Equal(expected, await page.Locator("#children tbody tr").AllInnerTextsAsync());
    }

    /// <summary>The monthly chart has a bar per month of the period, titled with the API's figure for that month alone of the page's default figure, registered members.</summary>
    private async Task AssertMonthsAreTheApis(IPage page, string org, DateOnly from, DateOnly to)
    {
        var months = new Metrics.Period { From = from, To = to }.Months();
        await Assertions.Expect(page.Locator("#months-chart rect")).ToHaveCountAsync(months.Count);
        var expected = await Task.WhenAll(months.Select(async month =>
        {
            var metrics = (await fixture.Host.Client.GetFromJsonAsync<JsonNode>($"/api/v1/orgs/{org}/metrics?from={month.From:yyyy-MM-dd}&to={month.To:yyyy-MM-dd}"))!;
            return $"{month.From:MM'/'yyyy}: {Figures["study.registeredMembers"](metrics["total"]!).ToString("#,0", Vietnamese)}";
        }));

        Assert.Equal(expected, await page.Locator("#months-chart title").AllTextContentsAsync());
    }

    /// <summary>Evaluates <paramref name="call"/> on the page's presets module <c>m</c>, imported in the browser as the page imports it.</summary>
    private async Task<T> Periods<T>(string call)
    {
        var (page, _) = await fixture.NewPage();
        await page.GotoAsync(fixture.Host.Client.BaseAddress + "periods.js");
        var result = await page.EvaluateAsync<T>($"import('/periods.js').then(m => {call})");
        await page.CloseAsync();
        return result;
    }

    /// <summary>A new page on the district's first view, once its figures are shown.</summary>
    private async Task<(IPage Page, List<string> Problems)> OpenDistrict()
    {
        var (page, problems) = await fixture.NewPage();
        await page.GotoAsync(fixture.Host.Client.BaseAddress!.ToString());
        await Assertions.Expect(Classes(page)).Not.ToBeEmptyAsync();
        return (page, problems);
    }

    /// <summary>Presses Tab (or Shift+Tab) until the focused element matches <paramref name="selector"/>, as a keyboard user would.</summary>
    private static async Task TabTo(IPage page, string selector, bool backwards = false)
    {
        for (var press = 0; press < 60; press++)
        {
            await page.Keyboard.PressAsync(backwards ? "Shift+Tab" : "Tab");
            if (await page.EvaluateAsync<bool>("selector => document.activeElement?.matches(selector) ?? false", selector)) return;
        }

        Assert.Fail($"Tab never reached {selector}");
    }

    [Fact]
    public async Task The_district_shows_the_api_figures_and_clicks_drill_down_to_a_cell()
    {
        var (page, problems) = await fixture.NewPage();
        var clock = Stopwatch.StartNew();
        await page.GotoAsync(fixture.Host.Client.BaseAddress!.ToString());
        await Assertions.Expect(Classes(page)).Not.ToBeEmptyAsync();
        output.WriteLine($"First view of the district with its figures: {clock.ElapsedMilliseconds} ms");
        await AssertFiguresAreTheApis(page, "dong-da", "2020-10-01", "2025-09-30");
        await AssertChildrenAreTheApis(page, "dong-da", "2020-10-01", "2025-09-30");
        await AssertMonthsAreTheApis(page, "dong-da", new DateOnly(2020, 10, 1), new DateOnly(2025, 9, 30));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PageFixture.Screenshots, "district.png"), FullPage = true });

        await page.GetByRole(AriaRole.Link, new() { Name = Ward, Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#org-name")).ToHaveTextAsync(Ward);
        await AssertFiguresAreTheApis(page, "phuong-lang-thuong", "2020-10-01", "2025-09-30");
        await Assertions.Expect(page.Locator("#months-chart rect")).ToHaveCountAsync(60);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PageFixture.Screenshots, "ward.png"), FullPage = true });

        await page.Locator("#children a").First.ClickAsync();
        await Assertions.Expect(page.Locator("#breadcrumb li")).ToHaveCountAsync(3);
        Assert.Empty(problems);
    }

    [Fact]
    public async Task Choosing_a_year_shows_the_api_figures_for_that_year()
    {
        var (page, problems) = await OpenDistrict();

        await page.SelectOptionAsync("#year-choice", "2021");
        await page.SelectOptionAsync("#preset", "year");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("period=year%3A2021"));
        await AssertFiguresAreTheApis(page, "dong-da", "2021-01-01", "2021-12-31");
        await AssertMonthsAreTheApis(page, "dong-da", new DateOnly(2021, 1, 1), new DateOnly(2021, 12, 31));
        Assert.Empty(problems);
    }

    /// <summary>
    /// Each bar of the children's chart shows its organization and value in words beside it, on a
    /// scale named by the figure; the monthly chart names its months and values, and the table
    /// beside it holds the same figures for a keyboard or a screen reader.
    /// </summary>
    [Fact]
    public async Task The_charts_name_their_figure_and_show_each_bars_organization_or_month_and_value()
    {
        var (page, problems) = await fixture.NewPage();
        await page.GotoAsync(fixture.Host.Client.BaseAddress + "?org=dong-da&period=year%3A2021");
        await Assertions.Expect(page.Locator("#months-chart rect")).ToHaveCountAsync(12);

        var drilldown = (await fixture.Host.Client.GetFromJsonAsync<JsonNode>("/api/v1/orgs/dong-da/drilldown?from=2021-01-01&to=2021-12-31"))!;
        var childTexts = await page.Locator("#children-chart text").AllTextContentsAsync();
        foreach (var child in drilldown["children"]!.AsArray())
        {
            var name = child!["org"]!["name"]!.GetValue<string>();
            var value = Figures["study.registeredMembers"](child["total"]!).ToString("#,0", Vietnamese);
            Assert.Contains(childTexts, text => name.StartsWith(text.TrimEnd('…'), StringComparison.Ordinal));
            Assert.Contains(value, childTexts);
        }

        await Assertions.Expect(page.Locator("#children-chart .unit")).ToHaveTextAsync("Đảng viên đăng ký");
        await Assertions.Expect(page.Locator("#months-chart .unit")).ToHaveTextAsync("Đảng viên đăng ký");
        Assert.Equal("Tổ chức trực thuộc: Đảng viên đăng ký", await page.Locator("#children-chart").GetAttributeAsync("aria-label"));
        var monthLabels = await page.Locator("#months-chart g > text:not(.value)").AllTextContentsAsync();
        Assert.Equal(Enumerable.Range(1, 12).Select(month => $"{month:00}/2021"), monthLabels);
        Assert.Equal(12, await page.Locator("#months-chart .value").CountAsync());

        var titles = await page.Locator("#months-chart title").AllTextContentsAsync();
        await page.GetByText("Bảng số liệu theo tháng").ClickAsync();
        var rows = await page.Locator("#months-table tbody tr").AllInnerTextsAsync();
        Assert.Equal(titles.Select(title => title.Replace(": ", "\t")), rows);
        Assert.Empty(problems);
    }

    [Fact]
    public async Task A_period_without_figures_says_so_in_words_instead_of_an_empty_frame()
    {
        var (page, problems) = await fixture.NewPage();
        await page.GotoAsync(fixture.Host.Client.BaseAddress + "?org=phuong-lang-thuong&period=custom%3A2019-01-01..2019-06-30");

        await Assertions.Expect(page.Locator("#months-chart .empty")).ToHaveTextAsync("Không có số liệu của chỉ tiêu này trong thời kỳ đã chọn.");
        await Assertions.Expect(page.Locator("#children-chart .empty")).ToHaveTextAsync("Không có số liệu của chỉ tiêu này trong thời kỳ đã chọn.");
        await Assertions.Expect(page.Locator("#months-chart rect")).ToHaveCountAsync(0);
        Assert.Empty(problems);
    }

    /// <summary>axe-core (WCAG 2.1 A and AA rules) finds nothing serious or critical on the district, a ward, English, and a period without figures.</summary>
    [Theory]
    [InlineData("")]
    [InlineData("?org=phuong-lang-thuong&period=year%3A2021")]
    [InlineData("?org=phuong-lang-thuong&lang=en")]
    [InlineData("?org=phuong-lang-thuong&period=custom%3A2019-01-01..2019-06-30")]
    public async Task Axe_finds_nothing_serious_on_the_page(string query)
    {
        var (page, problems) = await fixture.NewPage();
        await page.GotoAsync(fixture.Host.Client.BaseAddress + query);
        await Assertions.Expect(page.Locator("#months-chart text").First).ToBeAttachedAsync();

        var results = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });

        var serious = results.Violations.Where(violation => violation.Impact is "serious" or "critical")
            .Select(violation => $"{violation.Id} ({violation.Impact}): {violation.Help} at {string.Join(", ", violation.Nodes.Take(3).Select(node => node.Html))}")
            .ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
        Assert.Empty(problems);
    }

    /// <summary>Printed, the page keeps the figures, the charts and the monthly table, and drops the controls.</summary>
    [Fact]
    public async Task Printed_the_page_keeps_figures_charts_and_the_monthly_table_without_the_controls()
    {
        var (page, problems) = await OpenDistrict();
        await Assertions.Expect(page.Locator("#months-chart rect").First).ToBeAttachedAsync();
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await page.EvaluateAsync("window.dispatchEvent(new Event('beforeprint'))");

        await Assertions.Expect(page.Locator("#controls")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#figures table").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#months-chart")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#months-table")).ToBeVisibleAsync();
        await page.PdfAsync(new PagePdfOptions { Path = Path.Combine(PageFixture.Screenshots, "district-printed.pdf"), Format = "A4" });
        Assert.Empty(problems);
    }

    [Fact]
    public async Task A_period_beyond_the_series_limit_shows_its_figures_and_says_why_the_chart_is_empty()
    {
        var (page, problems) = await fixture.NewPage();
        await page.GotoAsync(fixture.Host.Client.BaseAddress + "?org=phuong-lang-thuong&period=custom%3A1930-01-01..2099-12-31");

        await AssertFiguresAreTheApis(page, "phuong-lang-thuong", "1930-01-01", "2099-12-31");
        await Assertions.Expect(page.Locator("#months-note")).ToContainTextAsync("240");
        await Assertions.Expect(page.Locator("#months-chart rect")).ToHaveCountAsync(0);
        Assert.Empty(problems);
    }

    [Fact]
    public async Task A_keyboard_alone_finds_the_ward_drills_to_a_cell_and_changes_the_period()
    {
        var (page, problems) = await OpenDistrict();

        await TabTo(page, "#search");
        Assert.Equal("solid", await page.EvaluateAsync<string>("getComputedStyle(document.activeElement).outlineStyle"));
        await page.Keyboard.TypeAsync("lang thuong");
        var found = page.Locator("#search-results").GetByRole(AriaRole.Link, new() { Name = Ward, Exact = true });
        await Assertions.Expect(found).ToBeVisibleAsync();
        await TabTo(page, "#search-results a[href^='?org=phuong-lang-thuong&']");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#org-name")).ToHaveTextAsync(Ward);
        await Assertions.Expect(page.Locator("#org-name")).ToBeFocusedAsync();

        await TabTo(page, "#children a");
        var cell = await page.EvaluateAsync<string>("document.activeElement.textContent");
        var cellId = System.Web.HttpUtility.ParseQueryString(await page.EvaluateAsync<string>("document.activeElement.getAttribute('href')"))["org"]!;
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#org-name")).ToHaveTextAsync(cell);
        await Assertions.Expect(page.Locator("#breadcrumb li")).ToHaveCountAsync(3);

        await TabTo(page, "#preset", backwards: true);
        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("period=half"));
        await AssertFiguresAreTheApis(page, cellId, "2020-10-01", "2022-12-31");
        Assert.Empty(problems);
    }

    [Fact]
    public void The_host_warms_the_first_view_at_start_and_every_warm_up_request_succeeds()
    {
        var log = fixture.Host.LogTail(int.MaxValue);
        Assert.Contains("Warmed the first view of dong-da", log);
        Assert.DoesNotContain("Warm-up request", log);
        Assert.DoesNotContain("was not warmed", log);
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
        await Assertions.Expect(page.Locator("table[data-group=study] tr[data-figure='study.classes'] th")).ToHaveTextAsync("Lớp học tập nghị quyết");

        await page.ClickAsync("#language");
        await Assertions.Expect(page.Locator("table[data-group=study] tr[data-figure='study.classes'] th")).ToHaveTextAsync("Study classes");
        await Assertions.Expect(page.Locator("#org-name")).ToHaveTextAsync(Ward);
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the page is wider than the phone");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(PageFixture.Screenshots, "ward-phone-en.png"), FullPage = true });
        Assert.Empty(problems);
    }

    [Fact]
    public async Task A_token_for_one_ward_opens_on_that_ward_and_reads_nothing_above_it()
    {
        var (page, problems) = await fixture.NewPage(token: await fixture.Token("phuong-lang-ha", "viewer"));
        await page.GotoAsync(fixture.Host.Client.BaseAddress!.ToString());

        await Assertions.Expect(page.Locator("#org-name")).ToHaveTextAsync("Đảng bộ phường Láng Hạ");
        await AssertFiguresAreTheApis(page, "phuong-lang-ha", "2020-10-01", "2025-09-30");
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
        var period = await Periods<JsonElement>($"m.periodOf('{preset}')");
        Assert.Equal((from, to), (period.GetProperty("from").GetString(), period.GetProperty("to").GetString()));
    }

    [Theory]
    [InlineData("custom:2021-02-30..2021-03-01")]
    [InlineData("custom:2022-01-01..2021-01-01")]
    [InlineData("quarter:2021-5")]
    [InlineData("year:21")]
    public async Task Impossible_presets_give_no_period(string preset)
    {
        Assert.True(await Periods<bool>($"m.periodOf('{preset}') === null"));
    }

    [Theory]
    [InlineData("2020-10-15", "2021-01-10", 4)]
    [InlineData("2020-10-01", "2025-09-30", 60)]
    [InlineData("2021-03-01", "2021-03-31", 1)]
    [InlineData("2000-01-01", "2019-12-31", 240)]
    public async Task Month_counts_are_those_the_series_endpoint_answers_for(string from, string to, int months)
    {
        Assert.Equal(months, await Periods<int>($"m.monthCount({{ from: '{from}', to: '{to}' }})"));
        Assert.Equal(months, new Metrics.Period { From = DateOnly.Parse(from), To = DateOnly.Parse(to) }.Months().Count);
    }
}
