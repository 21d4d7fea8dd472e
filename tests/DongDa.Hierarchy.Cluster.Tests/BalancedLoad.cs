using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;

namespace DongDa.Hierarchy.Cluster.Tests;

/// <summary>
/// Continuous reads and writes through one address until stopped, every answer kept with when it
/// was asked and answered. Writers post new records and, like a careful client, send each again
/// with the same record id until it is acknowledged; readers ask for random organizations' figures.
/// </summary>
public sealed class BalancedLoad(HttpClient client, TestHierarchy hierarchy, int seed)
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(90);

    /// <summary>One request: seconds since the load started when asked and when answered, the status (0 when no answer came), whether a 503 or 504 said when to retry (problem+json with Retry-After).</summary>
    public sealed record Outcome(double Asked, double Answered, string Request, int Status, bool RetryProblem, string? Failure);

    public Stopwatch Clock { get; } = new();

    public ConcurrentQueue<Outcome> Outcomes { get; } = new();

    public ConcurrentQueue<PlannedWrite> Acknowledged { get; } = new();

    public ConcurrentQueue<string> NeverAcknowledged { get; } = new();

    /// <summary>Runs until <paramref name="stop"/>; a write under way then is finished (acknowledged) first.</summary>
    public Task RunAsync(int writers, int readers, CancellationToken stop)
    {
        Clock.Start();
        return Task.WhenAll([
            .. Enumerable.Range(0, writers).Select(writer => Task.Run(() => Write(writer, stop))),
            .. Enumerable.Range(0, readers).Select(reader => Task.Run(() => Read(reader, stop))),
        ]);
    }

    /// <summary>Outcomes of requests asked between <paramref name="from"/> and <paramref name="to"/> (seconds on <see cref="Clock"/>).</summary>
    public List<Outcome> Between(double from, double to) => [.. Outcomes.Where(outcome => outcome.Asked >= from && outcome.Asked < to)];

    private async Task Write(int writer, CancellationToken stop)
    {
        var random = new Random(seed + writer);
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var write = PlannedWrite.Random(random, hierarchy.Orgs[random.Next(hierarchy.Orgs.Count)], $"nn-{writer}-{n}");
            var since = Stopwatch.StartNew();
            while (!await Post(write))
            {
                if (since.Elapsed > GiveUpAfter)
                {
                    NeverAcknowledged.Enqueue(write.RecordId);
                    break;
                }

                await Task.Delay(100, CancellationToken.None);
            }
        }
    }

    private async Task<bool> Post(PlannedWrite write)
    {
        var status = await Ask($"POST {write.Path} {write.RecordId}", async () =>
        {
            using var content = new StringContent(write.Body, Encoding.UTF8, "application/json");
            return await client.PostAsync($"/api/v1/orgs/{write.Org.Id}/{write.Path}", content);
        });
        if (status is not (>= 200 and < 300)) return false;
        Acknowledged.Enqueue(write);
        return true;
    }

    private async Task Read(int reader, CancellationToken stop)
    {
        var random = new Random(seed + 1000 + reader);
        while (!stop.IsCancellationRequested)
        {
            var org = hierarchy.Orgs[random.Next(hierarchy.Orgs.Count)];
            await Ask($"GET metrics {org.Id}", () => client.GetAsync($"/api/v1/orgs/{org.Id}/metrics"));
            await Task.Delay(20, CancellationToken.None);
        }
    }

    private static string Messages(Exception exception) =>
        string.Join(" <- ", EnumerateChain(exception).Select(inner => $"{inner.GetType().Name}: {inner.Message}"));

    private static IEnumerable<Exception> EnumerateChain(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException) yield return exception;
    }

    private async Task<int> Ask(string request, Func<Task<HttpResponseMessage>> send)
    {
        var asked = Clock.Elapsed.TotalSeconds;
        try
        {
            using var response = await send();
            var retryProblem = response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout && WriteLoad.IsRetryProblem(response);
            var failure = response.IsSuccessStatusCode ? null : await response.Content.ReadAsStringAsync();
            Outcomes.Enqueue(new Outcome(asked, Clock.Elapsed.TotalSeconds, request, (int)response.StatusCode, retryProblem, failure));
            return (int)response.StatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or IOException)
        {
            Outcomes.Enqueue(new Outcome(asked, Clock.Elapsed.TotalSeconds, request, 0, false, Messages(exception)));
            return 0;
        }
    }
}
