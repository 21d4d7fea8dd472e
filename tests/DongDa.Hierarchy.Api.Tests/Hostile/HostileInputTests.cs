using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using DongDa.Hierarchy.TestSupport;
using Xunit.Abstractions;

namespace DongDa.Hierarchy.Api.Tests.Hostile;

public sealed class HostileHost() : HostFixture(seed: false)
{
    protected override Task<TestStore> CreateStoreAsync() => Stores.Sqlite();
}

[CollectionDefinition(Name)]
public sealed class HostileHostCollection : ICollectionFixture<HostileHost>
{
    public const string Name = "hostile host";
}

/// <summary>
/// Thousands of seeded hostile requests over every endpoint: each is answered with a 4xx
/// problem+json, none with a 500 or not at all, and afterwards every organization, record list,
/// audit trail and figure is exactly what it was. <c>DONGDA_FUZZ_SEED</c> and
/// <c>DONGDA_FUZZ_CASES</c> reproduce a failure or run longer.
/// </summary>
[Collection(HostileHostCollection.Name)]
public sealed class HostileInputTests(HostileHost fixture, ITestOutputHelper output)
{
    private static readonly string[] Ids = ["hz-d", "hz-g", "hz-c"];
    private static readonly TimeSpan NoAnswerAfter = TimeSpan.FromSeconds(15);

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out var value) ? value : fallback;

    [Fact]
    public async Task Every_hostile_request_is_refused_with_a_problem_and_changes_nothing()
    {
        var seed = Setting("DONGDA_FUZZ_SEED", 20261129);
        var cases = Setting("DONGDA_FUZZ_CASES", 5000);
        var client = fixture.Factory.CreateClient();
        client.Timeout = NoAnswerAfter;
        await District(client);
        var before = await State(client);

        var generator = new HostileRequests(seed, Ids);
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

        output.WriteLine($"seed {seed}: {cases} hostile requests; answers {string.Join(", ", statuses.OrderBy(pair => pair.Key).Select(pair => $"{pair.Key}×{pair.Value}"))}");
        Assert.True(failures.IsEmpty, $"seed {seed}: {failures.Count} requests were not refused properly:\n{string.Join("\n", failures.Take(20))}");
        Assert.Equal(before, await State(client));
        Assert.Equal(cases, statuses.Values.Sum());
    }

    /// <summary>The status if the answer is a 4xx problem+json; null (with the reason recorded) otherwise.</summary>
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
            throw new TimeoutException($"No answer within {NoAnswerAfter}: {request}");
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync();
            if (status is < 400 or >= 500 || response.Content.Headers.ContentType?.MediaType != "application/problem+json") return null;
            using var problem = JsonDocument.Parse(text);
            return problem.RootElement.GetProperty("status").GetInt32() == status ? status : null;
        }
    }

    private static async Task District(HttpClient client) => await client.CreateUnlessExists("hz-d", async () =>
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
    private static async Task<string> State(HttpClient client)
    {
        var parts = new List<string>();
        foreach (var period in new[] { "", "?from=2021-01-01&to=2021-06-30", "?from=2021-05-02" })
        {
            parts.Add((await client.Get($"/api/v1/orgs/hz-d/drilldown{period}")).Body!.ToJsonString());
        }

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
