using System.Diagnostics;
using System.Net;
using DongDa.Hierarchy.TestSupport;

namespace DongDa.Hierarchy.Cluster.Tests;

/// <summary>HAProxy (Debian's) running the shipped <c>deploy/haproxy/haproxy.cfg</c> as it is, in front of three silos.</summary>
public sealed class Balancer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringWriter _log = new();

    private Balancer(Process process, HttpClient client)
    {
        _process = process;
        Client = client;
    }

    /// <summary>A client of the API through the balancer, with the silos' admin token.</summary>
    public HttpClient Client { get; }

    public string Log
    {
        get
        {
            lock (_log) return _log.ToString();
        }
    }

    public static async Task<Balancer> StartAsync(IReadOnlyList<HostProcess> silos)
    {
        if (!File.Exists("/usr/sbin/haproxy")) throw new MissingPrerequisiteException("HAProxy", "apt-get install haproxy");
        var port = HostProcess.FreePorts(1)[0];
        var start = new ProcessStartInfo("/usr/sbin/haproxy", ["-f", Path.Combine(TestRepository.Root, "deploy", "haproxy", "haproxy.cfg"), "-db"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DONGDA_LISTEN"] = $"127.0.0.1:{port}";
        for (var index = 0; index < silos.Count; index++) start.Environment[$"DONGDA_SILO{index + 1}"] = silos[index].Client.BaseAddress!.Authority;

        var process = Process.Start(start) ?? throw new InvalidOperationException("HAProxy did not start.");
        // As the shipped file asks of clients: an idle connection is let go before the balancer's
        // keep-alive timeout closes it, so no request is sent into a connection being closed.
        var handler = new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromSeconds(5) };
        var client = new HttpClient(handler) { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = silos[0].Client.DefaultRequestHeaders.Authorization;
        var balancer = new Balancer(process, client);
        process.OutputDataReceived += (_, line) => balancer.Append(line.Data);
        process.ErrorDataReceived += (_, line) => balancer.Append(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        // Ready once every silo has passed its checks: a run of answers in a row, spread over all of them.
        for (var (passed, attempt) = (0, 0); passed < 3 * silos.Count; attempt++)
        {
            if (process.HasExited) throw new InvalidOperationException($"HAProxy exited with {process.ExitCode}:\n{balancer.Log}");
            if (attempt > 300) throw new TimeoutException($"HAProxy did not pass requests within 30 s:\n{balancer.Log}");
            try
            {
                using var ready = await client.GetAsync("/health/ready");
                passed = ready.StatusCode == HttpStatusCode.OK ? passed + 1 : 0;
            }
            catch (HttpRequestException)
            {
                passed = 0;
            }

            await Task.Delay(100);
        }

        return balancer;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_log) _log.WriteLine(line);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
