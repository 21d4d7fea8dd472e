using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DongDa.Hierarchy.TestSupport;

namespace DongDa.Hierarchy.Cluster.Tests;

/// <summary>
/// The <c>user add</c> command as an operator runs it: it creates an account in the store and
/// prints its initial password last; the host then signs the account in with that password. It
/// refuses a taken name, an unknown organization, and a SQLite folder a running host holds.
/// </summary>
public sealed class UserCommandTests
{
    [Fact]
    public async Task The_command_creates_an_account_the_host_then_signs_in_with_the_printed_password()
    {
        await using var store = new SqliteTestStore();
        var folder = Path.Combine(store.Directory, "users");
        Task<(int ExitCode, string Output, string Error)> UserAdd(params string[] arguments) => HostProcess.UserAdd(store, folder, arguments);

        var (created, output, error) = await UserAdd("Bi-Thu.LT", "--org", "*", "--role", "recorder", "--display", "Bí thư Láng Thượng");
        Assert.True(created == 0, error);
        var password = output.Split('\n')[^1].Trim();
        Assert.Matches("^[A-Za-z0-9]{16}$", password);
        Assert.Contains("Account bi-thu.lt: recorder of *.", output);

        var (taken, _, takenError) = await UserAdd("bi-thu.lt", "--org", "*", "--role", "viewer");
        Assert.Equal(2, taken);
        Assert.Contains("An account named 'bi-thu.lt' exists already.", takenError);
        var (unknown, _, unknownError) = await UserAdd("someone", "--org", "nowhere", "--role", "viewer");
        Assert.Equal(2, unknown);
        Assert.Contains("There is no organization 'nowhere'.", unknownError);
        var (badRole, _, badRoleError) = await UserAdd("someone", "--org", "*", "--role", "chief");
        Assert.Equal(2, badRole);
        Assert.Contains("--role must be viewer, recorder or admin.", badRoleError);

        await using var host = await HostProcess.StartAsync("users", store);
        var (whileRunning, _, runningError) = await UserAdd("other", "--org", "*", "--role", "viewer");
        Assert.Equal(2, whileRunning);
        Assert.Contains("is in use by another host", runningError);

        using var browser = new HttpClient { BaseAddress = host.Client.BaseAddress };
        using var signIn = await browser.PostAsJsonAsync("/account/sign-in", new { userName = "bi-thu.lt", password });
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        var account = (await signIn.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.Equal(("Bí thư Láng Thượng", true), (account["displayName"]!.GetValue<string>(), account["mustChangePassword"]!.GetValue<bool>()));
    }
}
