using DongDa.Hierarchy.TestSupport;
using Microsoft.Playwright;

namespace DongDa.Hierarchy.Web.Tests;

/// <summary>
/// Debian's Chromium (or <c>DONGDA_CHROMIUM</c>) driven by Playwright, whose own browser download
/// does not work here: headless, without the sandbox a container lacks, and without background
/// networking, so that every request a page makes is its own.
/// </summary>
public static class SystemChromium
{
    public static string ExecutablePath { get; } = Environment.GetEnvironmentVariable("DONGDA_CHROMIUM") ?? "/usr/bin/chromium";

    /// <summary>Fails at once, in one line, on a machine without the browser, before a host is started for it.</summary>
    public static void EnsurePresent()
    {
        if (!File.Exists(ExecutablePath)) throw new MissingPrerequisiteException($"Chromium ({ExecutablePath})", "apt-get install chromium, or name another in DONGDA_CHROMIUM");
    }

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = ExecutablePath,
        Headless = true,
        Args = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
}
