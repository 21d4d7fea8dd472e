using DongDa.Hierarchy.TestSupport;
using Microsoft.Playwright;

namespace DongDa.Hierarchy.Web.Tests;

/// <summary>
/// The host as its own process on the seeded Đống Đa data, and Debian's Chromium driven by
/// Playwright, shared by the page tests.
/// </summary>
public sealed class PageFixture : IAsyncLifetime
{
    private readonly SqliteTestStore _store = new();
    private IPlaywright? _playwright;

    public HostProcess Host { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public const string RecorderName = "bi-thu-lang-thuong";

    /// <summary>The initial password <c>user add</c> printed for <see cref="RecorderName"/>, a recorder of the ward of Láng Thượng.</summary>
    public string RecorderPassword { get; private set; } = "";

    public static string Screenshots { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        SystemChromium.EnsurePresent();
        // As the README's first command runs it: in Development, where the first start prints the admin's password.
        // The sign-ins of every page test come from one address within a minute or two; the limit per address is an HTTP test's subject.
        Host = await HostProcess.StartAsync("web", _store, seed: true, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Hierarchy__Api__SignInsPerMinute"] = "100",
        });
        // An operator stops the host to add the ward secretary's account with the user add command, then starts it again.
        Host.Kill();
        RecorderPassword = await AddUser(RecorderName, "phuong-lang-thuong", "recorder", "Bí thư Đảng ủy phường Láng Thượng");
        await Host.StartAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await SystemChromium.LaunchAsync(_playwright);
        Directory.CreateDirectory(Screenshots);
        // Generous: the suite's other assemblies share the two cores with this browser and host.
        Assertions.SetDefaultExpectTimeout(30_000);
    }

    private async Task<string> AddUser(string name, string org, string role, string display)
    {
        var (exitCode, output, error) = await HostProcess.UserAdd(_store, Path.Combine(_store.Directory, Host.Name), name, "--org", org, "--role", role, "--display", display);
        return exitCode == 0 ? output.Split('\n')[^1].Trim() : throw new InvalidOperationException($"user add failed ({exitCode}): {error}");
    }

    /// <summary>A token from the host's own command, for the given organizations and role.</summary>
    public Task<string> Token(string org, string role) => HostProcess.IssueToken(_store, [org], role);

    /// <summary>A page holding a token (by default an admin's of every organization), and the console errors and failed requests it meets.</summary>
    public async Task<(IPage Page, List<string> Problems)> NewPage(int width = 1280, string? token = null)
    {
        var page = await Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = 900 } });
        return (page, await PageWatch.WatchAsync(page, token ?? Host.AdminToken));
    }

    /// <summary>A page in a browser context of its own, holding no token and no session: as a person first opens it.</summary>
    public async Task<(IPage Page, List<string> Problems)> NewSignedOutPage()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        return (page, await PageWatch.WatchAsync(page, token: null));
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        await Host.DisposeAsync();
        await _store.DisposeAsync();
    }
}

/// <summary>The page tests share one host and one browser, and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class PageCollection : ICollectionFixture<PageFixture>
{
    public const string Name = "page";
}
