using System.Diagnostics;
using DongDa.Hierarchy.Web.Tests;
using Microsoft.Playwright;

namespace DongDa.Hierarchy.PageTiming;

/// <summary>
/// One visitor's first view of a node: a fresh browser context (no cache, no cookies), the token in
/// session storage as the page's form leaves it, then the page's URL. Two clocks: the page's own
/// mark <c>dongda:figures-shown</c>, counted from the start of navigation, and the bench's wall
/// clock from asking the browser to navigate until it sees that mark.
/// </summary>
public sealed class FirstView(IBrowser browser, string token)
{
    private const string ShownScript = """
        () => new Promise(resolve => {
          const shown = () => performance.getEntriesByName('dongda:figures-shown').length > 0;
          if (shown()) return resolve();
          new PerformanceObserver(() => { if (shown()) resolve(); }).observe({ type: 'mark', buffered: true });
        })
        """;

    public async Task<(double InPage, double Wall)> Measure(Uri url)
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        var problems = await PageWatch.WatchAsync(page, token);

        var clock = Stopwatch.StartNew();
        await page.GotoAsync(url.ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
        // Told by a performance observer rather than by polling, which would take the page's own time.
        await page.EvaluateAsync(ShownScript).WaitAsync(TimeSpan.FromSeconds(30));
        var wall = clock.Elapsed.TotalMilliseconds;
        var inPage = await page.EvaluateAsync<double>("performance.getEntriesByName('dongda:figures-shown')[0].startTime");
        if (problems.Count > 0) throw new InvalidOperationException($"The page at {url} met problems: {string.Join("; ", problems)}");
        return (inPage, wall);
    }
}
