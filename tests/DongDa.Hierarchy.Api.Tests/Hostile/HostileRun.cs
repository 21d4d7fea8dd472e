using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

namespace DongDa.Hierarchy.Api.Tests.Hostile;

/// <summary>
/// Sends hostile requests at a host from eight clients at once, and reads the state they must
/// leave unchanged, through the API, so that a run in process and a run over sockets check the same.
/// </summary>
public static class HostileRun
{
    public static readonly string[] Ids = ["hz-d", "hz-g", "hz-c"];

    public static readonly TimeSpan NoAnswerAfter = TimeSpan.FromSeconds(15);

    public static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out var value) ? value : fallback;

    /// <summary>Answers by status, and the requests that were not refused properly.</summary>
    public static async Task<(IReadOnlyDictionary<int, int> Statuses, IReadOnlyList<string> Failures)> Send(HttpClient client, HostileRequests generator, int cases)
    {
        var requests = new ConcurrentQueue<HostileRequest>(Enumerable.Range(0, cases).Select(_ => generator.Next()));
        var failures = new ConcurrentQueue<string>();
        var statuses = new ConcurrentDictionary<int, int>();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            while (requests.TryDequeue(out var request))
            {
                if (await Refusal(client, request) is { } status) statuses.AddOrUpdate(status, 1, (_, count) => count + 1);
                else failures.Enqueue(request.ToString());
            }
        })));
        return (statuses, failures.ToList());
    }

    public static string Describe(IReadOnlyDictionary<int, int> statuses) =>
        string.Join(", ", statuses.OrderBy(pair => pair.Key).Select(pair => $"{pair.Key}×{pair.Value}"));

    /// <summary>
    /// The status if the answer is a 4xx problem+json (or, for what the server itself refuses, any
    /// 4xx); null otherwise.
    /// </summary>
    private static async Task<int?> Refusal(HttpClient client, HostileRequest request)
    {
        using var message = request.ToMessage();
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(message);
        }
        catch (TaskCanceledException)
        {
            throw new TimeoutException($"No answer within the client's timeout ({client.Timeout}): {request}");
        }
        catch (HttpRequestException exception)
        {
            throw new HttpRequestException($"The connection ended without an answer ({exception.InnerException?.Message}): {request}", exception);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (status is < 400 or >= 500) return null;
            if (request.RefusedByServer) return status;
            var text = await response.Content.ReadAsStringAsync();
            if (response.Content.Headers.ContentType?.MediaType != "application/problem+json") return null;
            using var problem = JsonDocument.Parse(text);
            return problem.RootElement.GetProperty("status").GetInt32() == status ? status : null;
        }
    }

    public static async Task District(HttpClient client) => await client.CreateUnlessExists("hz-d", async () =>
    {
        await client.Put("/api/v1/orgs/hz-d", Builders.Org("Quận thử", "district", null));
        await client.Put("/api/v1/orgs/hz-g", Builders.Org("Phường thử", "grassroots", "hz-d"));
        await client.Put("/api/v1/orgs/hz-c", Builders.Org("Chi bộ thử", "cell", "hz-g"));
        foreach (var (id, index) in Ids.Select((id, index) => (id, index)))
        {
            foreach (var kind in Builders.RecordPaths)
            {
                var (status, _) = await client.Post($"/api/v1/orgs/{id}/{kind}", Builders.Record(kind, $"hz-{index}-{kind}"));
                Assert.Equal(HttpStatusCode.Created, status);
            }
        }
    });

    /// <summary>Everything a request could change, read through the API.</summary>
    public static async Task<string> State(HttpClient client)
    {
        var parts = new List<string>();
        foreach (var period in new[] { "", "?from=2021-01-01&to=2021-06-30", "?from=2021-05-02" })
        {
            parts.Add((await client.Get($"/api/v1/orgs/hz-d/drilldown{period}")).Body!.ToJsonString());
        }

        parts.Add((await client.Get("/api/v1/orgs/hz-d/series?from=2020-10-01&to=2025-09-30")).Body!.ToJsonString());

        foreach (var id in Ids)
        {
            foreach (var path in new[] { "", "/children", "/metrics", "/audit?limit=1000" }.Concat(Builders.RecordPaths.Select(kind => $"/{kind}?limit=1000")))
            {
                var (status, body) = await client.Get($"/api/v1/orgs/{id}{path}");
                parts.Add($"{id}{path} {status} {body?.ToJsonString()}");
            }
        }

        return string.Join("\n", parts);
    }
}
