using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DongDa.Hierarchy.TestSupport;
using Microsoft.Playwright;

namespace DongDa.Hierarchy.Web.Tests;

/// <summary>
/// The drill-down page in Debian's headless Chromium, driven by Playwright, against the host as its
/// own process on the seeded Đống Đa data: the figures shown are the API's, and a click drills down.
/// </summary>
public sealed class DrillDownPageTests
{
    private static readonly string Screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots");

    [Fact]
    public async Task The_district_view_shows_the_api_figures_and_a_click_drills_down_to_a_ward()
    {
        await using var store = new SqliteTestStore();
        await using var host = await HostProcess.StartAsync("web", store, seed: true);
        var token = host.Client.DefaultRequestHeaders.Authorization!.Parameter!;
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-background-networking", "--disable-component-update"],
        });
        var page = await browser.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") problems.Add($"console: {message.Text}"); };
        page.RequestFailed += (_, request) => problems.Add($"request failed: {request.Url}");
        await page.AddInitScriptAsync($"sessionStorage.setItem('dongda-token', '{token}');");

        await page.GotoAsync(host.Client.BaseAddress + "?lang=vi");
        var classes = page.Locator("table[data-group=study] tr[data-figure=classes] td").First;
        await Assertions.Expect(classes).Not.ToBeEmptyAsync();
        var metrics = (await host.Client.GetFromJsonAsync<JsonNode>("/api/v1/orgs/dong-da/metrics?from=2020-10-01&to=2025-09-30"))!;
        Assert.Equal(metrics["total"]!["study"]!["classes"]!.GetValue<long>().ToString(), await classes.GetAttributeAsync("data-value"));
        Directory.CreateDirectory(Screenshots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "district.png"), FullPage = true });

        await page.GetByRole(AriaRole.Link, new() { Name = "Đảng bộ phường Láng Thượng" }).First.ClickAsync();
        await Assertions.Expect(page.Locator("#org-name")).ToHaveTextAsync("Đảng bộ phường Láng Thượng");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, "ward.png"), FullPage = true });

        Assert.Empty(problems);
    }
}
