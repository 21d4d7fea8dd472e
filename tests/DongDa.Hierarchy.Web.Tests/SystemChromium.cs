using Microsoft.Playwright;

namespace DongDa.Hierarchy.Web.Tests;

/// <summary>
/// Debian's Chromium (or <c>DONGDA_CHROMIUM</c>) driven by Playwright, whose own browser download
/// does not work here: headless, without the sandbox a container lacks, and without background
/// networking, so that every request a page makes is its own.
/// </summary>
public static class SystemChromium
{
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = Environment.GetEnvironmentVariable("DONGDA_CHROMIUM") ?? "/usr/bin/chromium",
        Headless = true,
        Args = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
}
