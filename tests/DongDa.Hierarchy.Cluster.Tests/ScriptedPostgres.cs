using System.Diagnostics;
using System.Net;
using DongDa.Hierarchy.TestSupport;

namespace DongDa.Hierarchy.Cluster.Tests;

/// <summary>
/// A PostgreSQL server of the test's own, started with the project's <c>postgres-start.sh</c> on an
/// address other machines reach (the suite's server listens on loopback only), stopped and deleted
/// on dispose.
/// </summary>
public sealed class ScriptedPostgres : IAsyncDisposable
{
    private readonly Dictionary<string, string> _environment;

    private ScriptedPostgres(Dictionary<string, string> environment, string connectionString)
    {
        _environment = environment;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public static async Task<ScriptedPostgres> StartAsync(IPAddress listen)
    {
        var environment = new Dictionary<string, string>
        {
            ["DONGDA_PG_DIR"] = Path.Combine(Path.GetTempPath(), "dongda-netns-pg-" + Guid.NewGuid().ToString("N")),
            ["DONGDA_PG_PORT"] = HostProcess.FreePorts(1)[0].ToString(),
            ["DONGDA_PG_LISTEN"] = listen.ToString(),
        };
        var (exitCode, output, error) = await Script("postgres-start.sh", environment);
        var server = new ScriptedPostgres(environment, output.Split('\n')[^1].Trim());
        if (exitCode != 0)
        {
            await server.DisposeAsync();
            throw new InvalidOperationException($"postgres-start.sh failed ({exitCode}): {error}");
        }

        return server;
    }

    public async ValueTask DisposeAsync() => await Script("postgres-stop.sh", _environment, "--delete");

    private static Task<(int ExitCode, string Output, string Error)> Script(string name, Dictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(TestRepository.Root, "src", "DongDa.Hierarchy.Host", "scripts", name), .. arguments]);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        return ProcessRun.RunAsync(start, TimeSpan.FromMinutes(2));
    }
}
