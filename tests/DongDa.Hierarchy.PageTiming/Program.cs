using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DongDa.Hierarchy.Metrics;
using DongDa.Hierarchy.PageTiming;
using DongDa.Hierarchy.Seeding;
using DongDa.Hierarchy.TestSupport;
using DongDa.Hierarchy.Web.Tests;
using Microsoft.Playwright;

// Usage: dotnet run -c Release --project tests/DongDa.Hierarchy.PageTiming -- [views per case, default 20] [host starts per cold case, default 3]
// Needs Chromium at /usr/bin/chromium (or DONGDA_CHROMIUM). Times are in milliseconds: median, p90, max.
var views = args.Length > 0 ? int.Parse(args[0]) : 20;
var starts = args.Length > 1 ? int.Parse(args[1]) : 3;

Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");
Console.WriteLine("First view: from navigation until the district's figures are on screen; the page's own mark, and the bench's wall clock.");

await using var store = new SqliteTestStore();
using var playwright = await Playwright.CreateAsync();
await using var browser = await SystemChromium.LaunchAsync(playwright);

// Loads the dataset once; every later start finds it loaded. A few untimed views first, so that the
// cold cases below measure a host just started, not this bench's or the browser's own first run.
await using (var seeding = await HostProcess.StartAsync("timing", store, seed: true))
{
    var untimed = new FirstView(browser, seeding.AdminToken);
    for (var i = 0; i < 3; i++) await untimed.Measure(seeding.Client.BaseAddress!);
}

var cold = new Dictionary<bool, (Timings InPage, Timings Wall)> { [true] = (new(), new()), [false] = (new(), new()) };
for (var start = 0; start < starts; start++)
{
    foreach (var warmUp in new[] { true, false })
    {
        // Hierarchy:SeedOnStart=false is a start with no warm-up at all: no pre-sum, no requests to itself.
        await using var host = await HostProcess.StartAsync("timing", store, seed: warmUp);
        var (inPage, wall) = await new FirstView(browser, host.AdminToken).Measure(host.Client.BaseAddress!);
        cold[warmUp].InPage.Add(inPage);
        cold[warmUp].Wall.Add(wall);
    }
}

await using (var host = await HostProcess.StartAsync("timing", store, seed: true))
{
    var firstView = new FirstView(browser, host.AdminToken);
    var ward = "phuong-lang-thuong";
    var cell = (await host.Client.GetFromJsonAsync<JsonArray>($"/api/v1/orgs/{ward}/children"))!
        .Select(child => child!["id"]!.GetValue<string>()).First();
    Console.WriteLine($"\n{"case",-58} {"median",6} {"p90",6} {"max",6}");
    Console.WriteLine($"{"district, just started, warmed at start: in page",-58} {cold[true].InPage}");
    Console.WriteLine($"{"  wall",-58} {cold[true].Wall}");
    Console.WriteLine($"{"district, just started, no warm-up: in page",-58} {cold[false].InPage}");
    Console.WriteLine($"{"  wall",-58} {cold[false].Wall}");
    foreach (var (name, node) in new[] { ("district", "dong-da"), ("ward", ward), ("cell", cell) })
    {
        var (inPage, wall) = (new Timings(), new Timings());
        for (var i = 0; i < views; i++)
        {
            var (page, clock) = await firstView.Measure(new Uri(host.Client.BaseAddress!, $"?org={Uri.EscapeDataString(node)}"));
            inPage.Add(page);
            wall.Add(clock);
        }

        Console.WriteLine($"{$"{name} ({node}), host warm: in page",-58} {inPage}");
        Console.WriteLine($"{"  wall",-58} {wall}");
    }

    // The monthly chart of the district over the term, as the page asks for it now and as it did before the series endpoint.
    var (series, months) = (new Timings(), new Timings());
    static string Query(Period period) => $"from={period.From:yyyy-MM-dd}&to={period.To:yyyy-MM-dd}";
    var monthPeriods = Dataset.Term.Months().Select(Query).ToList();
    for (var i = 0; i < views; i++)
    {
        var clock = Stopwatch.StartNew();
        (await host.Client.GetAsync($"/api/v1/orgs/dong-da/series?{Query(Dataset.Term)}")).EnsureSuccessStatusCode().Dispose();
        series.Add(clock.Elapsed.TotalMilliseconds);

        clock.Restart();
        foreach (var batch in monthPeriods.Chunk(6))
        {
            await Task.WhenAll(batch.Select(async month => (await host.Client.GetAsync($"/api/v1/orgs/dong-da/metrics?{month}")).EnsureSuccessStatusCode().Dispose()));
        }

        months.Add(clock.Elapsed.TotalMilliseconds);
    }

    Console.WriteLine($"{"district by month over the term: one series request",-58} {series}");
    Console.WriteLine($"{"  the same as 60 metrics requests, 6 at a time",-58} {months}");
}
