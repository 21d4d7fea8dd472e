using System.Net;
using System.Net.Http.Headers;
using DongDa.Hierarchy.Host.Access;
using DongDa.Hierarchy.TestSupport;

namespace DongDa.Hierarchy.Cluster.Tests;

/// <summary>
/// The README's first steps done at once: a host starting on a fresh data folder while several
/// <c>token</c> commands run against the same folder. They all end up with one key, and the host
/// never answers 500, whichever process made the key.
/// </summary>
public sealed class SigningKeyRaceTests
{
    private const int Rounds = 5;
    private const int TokenCommands = 4;

    private static readonly Dictionary<string, string> Development = new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["Hierarchy__Auth__SigningKey"] = "",
    };

    [Fact]
    public async Task Tokens_made_while_the_host_starts_on_a_fresh_folder_are_all_accepted_and_nothing_answers_500()
    {
        for (var round = 1; round <= Rounds; round++)
        {
            await using var store = new SqliteTestStore();
            var folder = Path.Combine(store.Directory, "dev");
            var starting = HostProcess.StartAsync("dev", store, seed: false, Development);
            var tokens = Enumerable.Range(0, TokenCommands).Select(_ => IssueToken(folder)).ToList();
            await using var host = await starting;

            using var client = new HttpClient { BaseAddress = host.Client.BaseAddress };
            foreach (var token in await Task.WhenAll(tokens))
            {
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
                // Nothing is loaded, so the district is unknown and refused like any node outside the
                // caller's subtrees: 403 once the token itself is accepted.
                using var answer = await client.GetAsync("/api/v1/orgs/dong-da");
                Assert.True(answer.StatusCode == HttpStatusCode.Forbidden,
                    $"round {round}: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}\n{host.LogTail(withStackTraces: false)}");
            }

            Assert.Equal([SigningKeys.DevelopmentKeyFile], Directory.GetFiles(folder, SigningKeys.DevelopmentKeyFile + "*").Select(Path.GetFileName));
        }
    }

    private static async Task<string> IssueToken(string folder)
    {
        var (exitCode, token, error) = await HostCommand.RunAsync(["token", "--org", "dong-da", "--role", "viewer"],
            new Dictionary<string, string>(Development) { ["Hierarchy__DataDirectory"] = folder }, TimeSpan.FromSeconds(60));
        Assert.True(exitCode == 0, $"the token command failed ({exitCode}): {error}");
        return token;
    }
}
