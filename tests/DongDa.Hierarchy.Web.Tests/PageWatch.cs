using Microsoft.Playwright;

namespace DongDa.Hierarchy.Web.Tests;

/// <summary>What the page tests and the page-timing bench both count as a page's problems, and how both hand it a token.</summary>
public static class PageWatch
{
    /// <summary>Gives <paramref name="page"/> the token a program driving the page would (none: it signs in as a person does), and collects its console errors and failed requests.</summary>
    public static async Task<List<string>> WatchAsync(IPage page, string? token)
    {
        var problems = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") problems.Add($"console: {message.Text}"); };
        // The page cancels the requests of a view it leaves (net::ERR_ABORTED); any other failure is a problem.
        page.RequestFailed += (_, request) => { if (request.Failure != "net::ERR_ABORTED") problems.Add($"request failed: {request.Url} {request.Failure}"); };
        if (token is not null) await page.AddInitScriptAsync($"sessionStorage.setItem('dongda-token', '{token}');");
        return problems;
    }
}
