using System.Net.Http.Headers;
using DongDa.Hierarchy.Host.Access;
using DongDa.Hierarchy.Seeding;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace DongDa.Hierarchy.Host.Hosting;

/// <summary>
/// Once the host listens, asks itself for what the page's first view asks: the page, its modules,
/// and each dataset root's drill-down, figures and monthly series over the dataset's whole span.
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
    IHostEnvironment environment,
    ILogger<FirstViewWarmUp> logger) : IHostedService
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _warming = Task.CompletedTask;
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

    private async Task WarmUp(CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        try
        {
            if (Listening() is not { } address) return;
            using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
            foreach (var asset in new[] { "/", "/app.js", "/periods.js", "/app.css" })
            {
                (await client.GetAsync(asset, cancellationToken)).Dispose();
            }

            var dataset = Dataset.LoadEmbedded();
            var roots = dataset.Organizations.Where(org => org.ParentId is null).Select(org => org.Id).ToList();
            if (SigningKeys.Resolve(auth.Value, environment, host.Value.DataDirectory) is not { } key) return;
            var token = TokenIssuer.Issue(key, auth.Value, "warm-up@host", roots, Role.Viewer.ToString().ToLowerInvariant(), TimeSpan.FromMinutes(2));
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var span = $"from={dataset.Records.Min(record => record.Date):yyyy-MM-dd}&to={dataset.Records.Max(record => record.Date):yyyy-MM-dd}";
            foreach (var root in roots.Select(Uri.EscapeDataString))
            {
                // Together, as the page asks them, so that the concurrent paths are warmed as well.
                var answers = await Task.WhenAll(
                    client.GetAsync($"/api/v1/orgs/{root}/drilldown?{span}", cancellationToken),
                    client.GetAsync($"/api/v1/orgs/{root}/metrics?{span}", cancellationToken),
                    client.GetAsync($"/api/v1/orgs/{root}/series?{span}", cancellationToken),
                    client.GetAsync($"/api/v1/orgs/{root}", cancellationToken));
                foreach (var answer in answers)
                {
                    if (!answer.IsSuccessStatusCode) logger.LogWarning("Warm-up request {Uri} answered {Status}", answer.RequestMessage?.RequestUri, (int)answer.StatusCode);
                    answer.Dispose();
                }
            }

            logger.LogInformation("Warmed the first view of {Roots} in {Elapsed}", string.Join(", ", roots), TimeProvider.System.GetElapsedTime(started));
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            // A host that is stopping, or busy beyond the timeout, serves without having warmed.
            logger.LogInformation(exception, "The first view was not warmed");
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
