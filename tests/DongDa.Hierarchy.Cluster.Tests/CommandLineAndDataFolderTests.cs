using System.Net;
using DongDa.Hierarchy.TestSupport;

namespace DongDa.Hierarchy.Cluster.Tests;

/// <summary>
/// The host program as a person at a terminal meets it: a second start on a folder already in use,
/// and arguments it does not know, are refused at once with one line and status 2.
/// </summary>
public sealed class CommandLineAndDataFolderTests
{
    [Fact]
    public async Task A_second_host_on_the_same_data_folder_refuses_to_start_naming_the_folder_and_the_first_host()
    {
        await using var store = new SqliteTestStore();
        await using var first = await HostProcess.StartAsync("first", store);
        var folder = Path.Combine(store.Directory, "first");
        var ports = HostProcess.FreePorts(3);

        var (exitCode, output, error) = await HostCommand.RunAsync([], new Dictionary<string, string>(store.HostSettings.AsEnvironment())
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{ports[0]}",
            ["Hierarchy__DataDirectory"] = folder,
            ["Hierarchy__SeedOnStart"] = "false",
            ["Hierarchy__SiloPort"] = ports[1].ToString(),
            ["Hierarchy__GatewayPort"] = ports[2].ToString(),
        }, TimeSpan.FromSeconds(60));

        Assert.Equal(2, exitCode);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("", output);
        Assert.Contains($"The data folder '{folder}' is in use by another host (process {first.ProcessId},", line);

        // The first host is untouched: still ready, still answering from its store.
        using (var ready = await first.Client.GetAsync("/health/ready")) Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        using (var unknown = await first.Client.GetAsync("/api/v1/orgs/nowhere")) Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task A_data_folder_is_free_again_once_its_host_has_stopped()
    {
        await using var store = new SqliteTestStore();
        await using (var first = await HostProcess.StartAsync("host", store)) first.Kill();

        // The same name is the same folder; the lock died with the process, whatever the way it ended.
        await using var again = await HostProcess.StartAsync("host", store);
        using var ready = await again.Client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Theory]
    [InlineData("tokn", "Unknown command 'tokn'.")]
    [InlineData("users add x", "Unknown command 'users'.")]
    [InlineData("--urls http://127.0.0.1:0 extra", "Unexpected argument 'extra'.")]
    [InlineData("--Hierarchy:SeedOnStart", "Unexpected argument '--Hierarchy:SeedOnStart'.")]
    public async Task An_argument_the_host_does_not_know_is_refused_with_the_usage_and_starts_nothing(string arguments, string message)
    {
        var folder = Path.Combine(Path.GetTempPath(), "dongda-test-" + Guid.NewGuid().ToString("N"));
        var (exitCode, output, error) = await HostCommand.RunAsync(arguments.Split(' '),
            new Dictionary<string, string> { ["Hierarchy__DataDirectory"] = folder }, TimeSpan.FromSeconds(60));

        Assert.Equal(2, exitCode);
        Assert.Equal("", output);
        Assert.StartsWith(message + "\n", error);
        Assert.Contains("usage: DongDa.Hierarchy.Host", error);
        Assert.False(Directory.Exists(folder), "the refused command made a data folder");
    }

    [Fact]
    public async Task Help_prints_the_usage_and_succeeds()
    {
        var (exitCode, output, _) = await HostCommand.RunAsync(["--help"], new Dictionary<string, string>(), TimeSpan.FromSeconds(60));

        Assert.Equal(0, exitCode);
        Assert.StartsWith("usage: DongDa.Hierarchy.Host", output);
        Assert.Contains(" token --org <id>", output);
    }
}
