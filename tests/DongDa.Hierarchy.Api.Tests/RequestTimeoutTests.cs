using System.Diagnostics;
using System.Net;
using DongDa.Hierarchy.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace DongDa.Hierarchy.Api.Tests;

/// <summary>
/// A grain call that hangs becomes a 504 problem within the configured request timeout, not a
/// connection left open; a write that timed out but went through is stored once when retried.
/// </summary>
public sealed class RequestTimeoutTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Holds the first rollup and the first record write of an organization whose id starts with
    /// "stuck" for <see cref="Hold"/>, as hung storage or a paused silo would.
    /// </summary>
    private sealed class StuckOrganizations : IIncomingGrainCallFilter
    {
        public static readonly TimeSpan Hold = TimeSpan.FromSeconds(3);
        private readonly HashSet<string> _held = [];

        public async Task Invoke(IIncomingGrainCallContext context)
        {
            var method = context.InterfaceMethod.Name;
            if (context.TargetId.Key.ToString()!.StartsWith("stuck", StringComparison.Ordinal)
                && method is nameof(IOrganizationGrain.RollupUnlessSeen) or nameof(IOrganizationGrain.AddRecord)
                && Held(method))
            {
                await Task.Delay(Hold);
            }

            await context.Invoke();
        }

        private bool Held(string method)
        {
            lock (_held) return _held.Add(method);
        }
    }

    [Fact]
    public async Task A_stuck_grain_call_answers_504_problem_within_the_request_timeout_and_a_retried_write_is_stored_once()
    {
        await using var store = new SqliteTestStore();
        await using var host = new HostFactory(store, seed: false,
            services => services.AddSingleton<IIncomingGrainCallFilter, StuckOrganizations>(),
            new Dictionary<string, string> { ["Hierarchy:Api:RequestTimeout"] = Limit.ToString() });
        var client = host.CreateClient();
        await client.Put("/api/v1/orgs/stuck-d", Builders.Org("Quận", "district", null));

        var clock = Stopwatch.StartNew();
        using (var read = await client.GetAsync("/api/v1/orgs/stuck-d/metrics"))
        {
            await Http.AssertProblem(read, HttpStatusCode.GatewayTimeout);
            Assert.NotNull(read.Headers.RetryAfter);
        }

        using (var write = await client.PostAsync("/api/v1/orgs/stuck-d/study-sessions", Http.Json(Builders.Record("study-sessions", "late-1"))))
        {
            await Http.AssertProblem(write, HttpStatusCode.GatewayTimeout);
        }

        Assert.True(clock.Elapsed < StuckOrganizations.Hold, $"two timed-out requests took {clock.Elapsed}, not about {Limit} each");

        // The timed-out write went on and was stored; its retry finds it and stores nothing new.
        await Task.Delay(StuckOrganizations.Hold);
        var (status, _) = await client.Post("/api/v1/orgs/stuck-d/study-sessions", Builders.Record("study-sessions", "late-1"));
        Assert.Equal(HttpStatusCode.OK, status);
        var listed = (await client.Get("/api/v1/orgs/stuck-d/study-sessions")).Body!["items"]!.AsArray();
        Assert.Single(listed);
    }
}
