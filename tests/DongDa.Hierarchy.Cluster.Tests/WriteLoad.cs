using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using DongDa.Hierarchy.TestSupport;

namespace DongDa.Hierarchy.Cluster.Tests;

/// <summary>
/// Posts planned records from several concurrent writers and, like a careful client, retries each
/// one with the same record id until it is acknowledged: after a 503, or when the connection fails
/// and no answer comes. With <paramref name="retry"/> off, each is tried once, as by a client that
/// dies with the server. Every answer is tallied; anything but 2xx or a well-formed 503 (problem+json
/// with Retry-After) is a violation. With <paramref name="deadlineIsRetryable"/>, so is a well-formed
/// 504, the API's deadline passing first, which the seconds after a silo's death may bring.
/// </summary>
public sealed class WriteLoad(IReadOnlyList<PlannedWrite> writes, Func<int, HostProcess> route, int signalAfter, bool retry = true, bool deadlineIsRetryable = false)
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(90);

    private readonly TaskCompletionSource _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _acknowledged;
    private int _unanswered;

    /// <summary>Answers by HTTP status.</summary>
    public ConcurrentDictionary<int, int> Answers { get; } = new();

    /// <summary>Answers and outcomes the API must never give.</summary>
    public ConcurrentQueue<string> Violations { get; } = new();

    public int Acknowledged => Volatile.Read(ref _acknowledged);

    /// <summary>The record ids answered 2xx.</summary>
    public ConcurrentDictionary<string, bool> AcknowledgedIds { get; } = new();

    /// <summary>Attempts that got no answer at all (connection refused or reset, or timed out).</summary>
    public int Unanswered => Volatile.Read(ref _unanswered);

    /// <summary>Completes once <c>signalAfter</c> writes have been acknowledged: the moment to break something.</summary>
    public Task Midway => _signal.Task;

    public Task RunAsync(int writers) => Task.WhenAll(Enumerable.Range(0, writers).Select(writer => Task.Run(async () =>
    {
        for (var index = writer; index < writes.Count; index += writers)
        {
            await WriteUntilAcknowledged(index);
        }
    })));

    private async Task WriteUntilAcknowledged(int index)
    {
        var write = writes[index];
        var clock = Stopwatch.StartNew();
        while (!await TryOnce(write, route(index)))
        {
            if (!retry) return;
            if (clock.Elapsed > GiveUpAfter)
            {
                Violations.Enqueue($"{write.RecordId} on {write.Org.Id} was never acknowledged within {GiveUpAfter}");
                return;
            }

            await Task.Delay(200);
        }

        AcknowledgedIds[write.RecordId] = true;
        if (Interlocked.Increment(ref _acknowledged) >= signalAfter) _signal.TrySetResult();
    }

    /// <summary>A problem+json answer that says when to try again: the only well-formed 503 or 504.</summary>
    public static bool IsRetryProblem(HttpResponseMessage response) =>
        response.Headers.RetryAfter is not null && response.Content.Headers.ContentType?.MediaType == "application/problem+json";

    private async Task<bool> TryOnce(PlannedWrite write, HostProcess silo)
    {
        HttpResponseMessage response;
        try
        {
            using var content = new StringContent(write.Body, Encoding.UTF8, "application/json");
            response = await silo.Client.PostAsync($"/api/v1/orgs/{write.Org.Id}/{write.Path}", content);
        }
        // A process killed just as a connection opens can also surface as a bare socket error.
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or System.Net.Sockets.SocketException or IOException)
        {
            Interlocked.Increment(ref _unanswered);
            return false;
        }

        using (response)
        {
            Answers.AddOrUpdate((int)response.StatusCode, 1, (_, count) => count + 1);
            if (response.IsSuccessStatusCode) return true;

            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable || (deadlineIsRetryable && response.StatusCode == HttpStatusCode.GatewayTimeout))
            {
                if (!IsRetryProblem(response))
                {
                    Violations.Enqueue($"{(int)response.StatusCode} without Retry-After or problem+json for {write.RecordId} via {silo.Name}: {body}");
                }

                return false;
            }

            Violations.Enqueue($"{(int)response.StatusCode} for {write.RecordId} on {write.Org.Id} via {silo.Name}: {body}");
            return false;
        }
    }
}
