using System.Net;
using System.Net.Http.Headers;
using DongDa.Hierarchy.TestSupport;

namespace DongDa.Hierarchy.Cluster.Tests;

/// <summary>
/// The first run in Development needs no configured key: the host makes one in its data folder,
/// and its <c>token</c> command signs with the same key, so a printed token is accepted at once.
/// </summary>
public sealed class DevelopmentTokenTests
{
    [Fact]
    public async Task In_Development_without_a_key_the_token_command_prints_a_token_the_host_accepts()
    {
        await using var store = new SqliteTestStore();
        var development = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Hierarchy__Auth__SigningKey"] = "",
        };
        await using var host = await HostProcess.StartAsync("dev", store, seed: false, development);
        var dataDirectory = Path.Combine(store.Directory, "dev");
        Assert.True(File.Exists(Path.Combine(dataDirectory, "token-signing-key")), "the host made no local key");

        var token = await RunTokenCommand(dataDirectory, "--org", "dong-da", "--role", "viewer");
        using var anonymous = new HttpClient { BaseAddress = host.Client.BaseAddress };
        using (var refused = await anonymous.GetAsync("/api/v1/orgs/dong-da")) Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        anonymous.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        // Nothing was loaded, so the district is unknown and refused like any node outside the
        // caller's subtrees: 403, the token itself accepted.
        using (var accepted = await anonymous.GetAsync("/api/v1/orgs/dong-da")) Assert.Equal(HttpStatusCode.Forbidden, accepted.StatusCode);
    }

    private static async Task<string> RunTokenCommand(string dataDirectory, params string[] arguments)
    {
        var (exitCode, token, _) = await HostCommand.RunAsync(["token", .. arguments], new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Hierarchy__DataDirectory"] = dataDirectory,
            ["Hierarchy__Auth__SigningKey"] = "",
        }, TimeSpan.FromSeconds(60));
        Assert.Equal(0, exitCode);
        return token;
    }
}
