using DongDa.Hierarchy.TestSupport;
using Npgsql;

namespace DongDa.Hierarchy.Cluster.Tests;

/// <summary>The host process on a PostgreSQL it cannot use does not start: it exits with status 2 and one line saying why.</summary>
public sealed class StartupRefusalTests
{
    [Fact]
    public async Task Wrong_credentials_stop_the_host_with_a_message_that_says_so_and_hides_the_password()
    {
        await using var store = await PostgreSqlTestStore.CreateAsync();
        var wrongPassword = new NpgsqlConnectionStringBuilder(store.ConnectionString) { Password = "not-the-password" }.ConnectionString;

        var (exitCode, error) = await RunHost(("Hierarchy__Storage", "PostgreSql"), ("Hierarchy__PostgreSql", wrongPassword));

        Assert.Equal(2, exitCode);
        Assert.Contains("DongDa.Hierarchy did not start. Cannot use the PostgreSQL database", error);
        Assert.Contains("the server refused the credentials", error);
        Assert.DoesNotContain("not-the-password", error);
    }

    [Fact]
    public async Task An_unreachable_server_stops_the_host_with_a_message_that_names_it()
    {
        var nowhere = new NpgsqlConnectionStringBuilder(PostgreSqlTestStore.ServerConnectionString) { Host = "127.0.0.1", Port = 1, Timeout = 3 }.ConnectionString;

        var (exitCode, error) = await RunHost(("Hierarchy__Storage", "PostgreSql"), ("Hierarchy__PostgreSql", nowhere));

        Assert.Equal(2, exitCode);
        Assert.Contains("on 127.0.0.1:1 as user", error);
        Assert.Contains("the server could not be reached", error);
    }

    [Fact]
    public async Task PostgreSql_storage_without_a_connection_string_stops_the_host_naming_the_setting()
    {
        var (exitCode, error) = await RunHost(("Hierarchy__Storage", "PostgreSql"));

        Assert.Equal(2, exitCode);
        Assert.Contains("set Hierarchy:PostgreSql (environment variable Hierarchy__PostgreSql)", error);
    }

    [Theory]
    [InlineData("192.0.2.44", "Hierarchy:Address 192.0.2.44 is not an address of this machine (it has 127.0.0.1")]
    [InlineData("silo-1.example", "Hierarchy:Address \"silo-1.example\" is not an IP address")]
    public async Task A_silo_address_that_is_not_the_machines_own_stops_the_host_with_one_line_naming_it(string address, string expected)
    {
        var (exitCode, error) = await RunHost(("Hierarchy__Address", address));

        Assert.Equal(2, exitCode);
        Assert.Contains("DongDa.Hierarchy did not start. " + expected, error);
        Assert.Equal(1, error.Split('\n').Count(line => line.StartsWith("DongDa.Hierarchy did not start.", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Outside_Development_the_host_refuses_to_start_without_a_token_signing_key()
    {
        var (exitCode, error) = await RunHost(("Hierarchy__Auth__SigningKey", ""));

        Assert.Equal(2, exitCode);
        Assert.Contains("No token signing key is configured: set Hierarchy:Auth:SigningKey", error);
    }

    [Fact]
    public async Task A_token_authority_out_of_reach_stops_the_host_with_one_line_naming_it()
    {
        var (exitCode, error) = await RunHost(("Hierarchy__Auth__SigningKey", ""), ("Hierarchy__Auth__Authority", "https://127.0.0.1:1/realms/dongda"));

        Assert.Equal(2, exitCode);
        Assert.Contains("DongDa.Hierarchy did not start. Cannot read the OpenID Connect metadata of the token authority 'https://127.0.0.1:1/realms/dongda'", error);
        Assert.Equal(1, error.Split('\n').Count(line => line.StartsWith("DongDa.Hierarchy did not start.", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Report_wording_that_names_an_unknown_figure_stops_the_host_with_one_line_naming_the_file()
    {
        var shipped = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "report-templates.json"));
        var wording = Path.Combine(Path.GetTempPath(), $"dongda-report-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(wording, shipped.Replace("{study.classes}", "{study.lessons}"));
        try
        {
            var (exitCode, error) = await RunHost(("Hierarchy__ReportTemplates", wording));

            Assert.Equal(2, exitCode);
            Assert.Contains($"DongDa.Hierarchy did not start. Cannot use the report templates '{wording}'", error);
            Assert.Contains("study.lessons", error);
            Assert.Equal(1, error.Split('\n').Count(line => line.StartsWith("DongDa.Hierarchy did not start.", StringComparison.Ordinal)));
        }
        finally
        {
            File.Delete(wording);
        }
    }

    private static async Task<(int ExitCode, string Error)> RunHost(params (string Name, string Value)[] environment)
    {
        // Ports and a data folder of its own, so that a host already running here cannot be the reason it stops.
        var ports = HostProcess.FreePorts(2);
        var folder = Path.Combine(Path.GetTempPath(), "dongda-test-" + Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["Hierarchy__DataDirectory"] = folder,
            ["Hierarchy__SeedOnStart"] = "false",
            ["Hierarchy__Auth__SigningKey"] = TestStore.SigningKey,
            ["Hierarchy__SiloPort"] = ports[0].ToString(),
            ["Hierarchy__GatewayPort"] = ports[1].ToString(),
        };
        foreach (var (name, value) in environment) settings[name] = value;

        try
        {
            var (exitCode, _, error) = await HostCommand.RunAsync([], settings, TimeSpan.FromSeconds(60));
            return (exitCode, error);
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }
}
