using System.Net.Http.Headers;
using DongDa.Hierarchy.Host.Access;
using DongDa.Hierarchy.Seeding;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace DongDa.Hierarchy.Host.Hosting;

/// <summary>
/// Once the host listens, asks itself for what the page's first view asks: the page, its modules,
/// and each dataset root's drill-down, figures, breadcrumb and monthly series over the dataset's term.
/// </summary>
/// <remarks>
/// The grains are summed before the host listens (<see cref="SeedOnStartup"/>), but the first
/// requests still paid about half a second for the HTTP side's code being compiled: token
/// validation, routing, the JSON of each answer. The first person to open the page should not.
/// The requests go through the real server with a short-lived viewer token that never leaves the
/// process; with an external token authority the host cannot sign one and asks for the page alone.
/// </remarks>
public sealed class FirstViewWarmUp(
    IHostApplicationLifetime lifetime,
    IServer server,
    IOptions<HierarchyHostOptions> host,
    IOptions<AuthOptions> auth,
    TokenSigningKey signing,
    ILogger<FirstViewWarmUp> logger) : IHostedService, IDisposable
{
    /// <summary>Warming is worth a short wait at start, never a host that does not become ready.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private readonly CancellationTokenSource _stopping = new();
    private volatile Task _warming = Task.CompletedTask;
    private volatile bool _done;

    /// <summary>Whether the warm-up has ended, however it ended, or has nothing to do (no dataset is loaded on start).</summary>
    public bool IsDone => _done || !host.Value.SeedOnStart;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (host.Value.SeedOnStart)
        {
            lifetime.ApplicationStarted.Register(() => _warming = Task.Run(() => WarmUp(_stopping.Token)));
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _warming.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public void Dispose() => _stopping.Dispose();

    private async Task WarmUp(CancellationToken stopping)
    {
        var started = TimeProvider.System.GetTimestamp();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        deadline.CancelAfter(Deadline);
        var cancellationToken = deadline.Token;
        try
        {
            if (Listening() is not { } address) return;
            using var client = new HttpClient { BaseAddress = address };
            foreach (var asset in new[] { "/", "/app.js", "/periods.js", PageSettingsModule.Path, "/app.css" })
            {
                (await client.GetAsync(asset, cancellationToken)).Dispose();
            }

            // With an external authority the API trusts only that authority's keys.
            if (signing.Key is not { } key) return;
            var roots = Dataset.EmbeddedRoots();
            var token = TokenIssuer.Issue(key, auth.Value, "warm-up@host", roots, nameof(Role.Viewer).ToLowerInvariant(), TimeSpan.FromMinutes(2));
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            // The page's own default period, so that the answers kept for it are the ones its first visitor asks for.
            var term = $"from={Dataset.Term.From:yyyy-MM-dd}&to={Dataset.Term.To:yyyy-MM-dd}";
            foreach (var root in roots.Select(Uri.EscapeDataString))
            {
                // Together: the page asks the figures and the breadcrumb at once and the series after
                // them, so every path it runs side by side is warmed.
                var answers = await Task.WhenAll(
                    client.GetAsync($"/api/v1/orgs/{root}/drilldown?{term}", cancellationToken),
                    client.GetAsync($"/api/v1/orgs/{root}/metrics?{term}", cancellationToken),
                    client.GetAsync($"/api/v1/orgs/{root}/series?{term}", cancellationToken),
                    client.GetAsync($"/api/v1/orgs/{root}/breadcrumb", cancellationToken));
                foreach (var answer in answers)
                {
                    if (!answer.IsSuccessStatusCode) logger.LogWarning("Warm-up request {Uri} answered {Status}", answer.RequestMessage?.RequestUri, (int)answer.StatusCode);
                    answer.Dispose();
                }
            }

            logger.LogInformation("Warmed the first view of {Roots} in {Elapsed}", string.Join(", ", roots), TimeProvider.System.GetElapsedTime(started));
        }
        catch (Exception exception)
        {
            // The host serves all the same, only its first visitor waits longer.
            logger.LogWarning(exception, "The first view was not warmed");
        }
        finally
        {
            _done = true;
        }
    }

    /// <summary>The address the host answers on from inside, preferring plain HTTP; a wildcard host means the loopback.</summary>
    private Uri? Listening()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var chosen = addresses.OrderBy(address => address.StartsWith("https", StringComparison.OrdinalIgnoreCase)).FirstOrDefault();
        if (chosen is null) return null;
        var uri = new UriBuilder(chosen.Replace("://+", "://localhost").Replace("://*", "://localhost"));
        if (uri.Host is "0.0.0.0" or "[::]" or "::") uri.Host = "127.0.0.1";
        return uri.Uri;
    }
}
