using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DongDa.Hierarchy.TestSupport;

namespace DongDa.Hierarchy.Telemetry.Tests;

/// <summary>
/// A real Prometheus (Debian's package), with its own configuration and data folder, listening on
/// 127.0.0.1 and scraping one target with the repository's scrape configuration.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private PrometheusServer(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
    }

    public HttpClient Client { get; }

    public static async Task<PrometheusServer> StartAsync(string target)
    {
        var directory = Path.Combine(Path.GetTempPath(), "dongda-prometheus-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        // The shipped scrape configuration, pointed at the test's host and scraping every second.
        var configuration = File.ReadAllText(Path.Combine(Dashboards.Folder, "prometheus", "prometheus.yml"))
            .Replace("127.0.0.1:5080", target)
            .Replace("scrape_interval: 5s", "scrape_interval: 1s");
        var configFile = Path.Combine(directory, "prometheus.yml");
        File.WriteAllText(configFile, configuration);

        var port = HostProcess.FreePorts(1)[0];
        var start = new ProcessStartInfo("prometheus",
        [
            $"--config.file={configFile}",
            $"--storage.tsdb.path={Path.Combine(directory, "data")}",
            $"--web.listen-address=127.0.0.1:{port}",
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new MissingPrerequisiteException("Prometheus (not on PATH)", "apt-get install prometheus");
        }

        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new PrometheusServer(process, directory, port);
        await server.UntilReady();
        return server;
    }

    /// <summary>Evaluates an instant query; the result vector (empty when nothing matched).</summary>
    public async Task<JsonArray> Query(string promQl)
    {
        var answer = (await Client.GetFromJsonAsync<JsonNode>("/api/v1/query?query=" + Uri.EscapeDataString(promQl)))!;
        Assert.True(answer["status"]!.GetValue<string>() == "success", $"Prometheus refused '{promQl}': {answer.ToJsonString()}");
        var data = answer["data"]!;
        return data["resultType"]!.GetValue<string>() == "scalar"
            ? [data["result"]!.DeepClone()]
            : data["result"]!.AsArray();
    }

    /// <summary>Waits until a query returns something, or gives up after <paramref name="timeout"/>.</summary>
    public async Task<bool> Eventually(string promQl, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if ((await Query(promQl)).Count > 0) return true;
            await Task.Delay(250);
        }

        return false;
    }

    private async Task UntilReady()
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (_process.HasExited) throw new InvalidOperationException($"Prometheus exited with {_process.ExitCode}.");
            try
            {
                using var ready = await Client.GetAsync("/-/ready");
                if (ready.IsSuccessStatusCode) return;
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("Prometheus was not ready within 30 s.");
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
        Client.Dispose();
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
