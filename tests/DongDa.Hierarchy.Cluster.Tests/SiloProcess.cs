using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using DongDa.Hierarchy.TestSupport;

namespace DongDa.Hierarchy.Cluster.Tests;

/// <summary>
/// One silo as its own OS process: the real host (API and silo) run with <c>dotnet</c> on
/// PostgreSQL, with fixed ports so that it can be killed and started again as the same silo.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly PostgreSqlTestStore _store;
    private readonly string _logPath;
    private Process? _process;
    private StreamWriter? _log;

    private SiloProcess(string name, PostgreSqlTestStore store)
    {
        Name = name;
        _store = store;
        _logPath = Path.Combine(store.Directory, name + ".log");
        var ports = FreePorts(3);
        (HttpPort, SiloPort, GatewayPort) = (ports[0], ports[1], ports[2]);
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{HttpPort}"), Timeout = TimeSpan.FromSeconds(10) };
    }

    public string Name { get; }
    public int HttpPort { get; }
    public int SiloPort { get; }
    public int GatewayPort { get; }

    /// <summary>A client of this silo's API.</summary>
    public HttpClient Client { get; }

    public static async Task<SiloProcess> StartAsync(string name, PostgreSqlTestStore store)
    {
        var silo = new SiloProcess(name, store);
        try
        {
            await silo.StartAsync();
            return silo;
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the process (again) and waits until its readiness check passes.</summary>
    public async Task StartAsync()
    {
        Directory.CreateDirectory(_store.Directory);
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "DongDa.Hierarchy.Host.dll")])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_URLS"] = Client.BaseAddress!.ToString();
        start.Environment["Hierarchy__Storage"] = "PostgreSql";
        start.Environment["Hierarchy__PostgreSql"] = _store.ConnectionString;
        start.Environment["Hierarchy__DataDirectory"] = Path.Combine(_store.Directory, Name);
        start.Environment["Hierarchy__SeedOnStart"] = "false";
        start.Environment["Hierarchy__SiloPort"] = SiloPort.ToString();
        start.Environment["Hierarchy__GatewayPort"] = GatewayPort.ToString();

        CloseLog();
        var log = _log = new StreamWriter(_logPath, append: true) { AutoFlush = true };
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) => Append(log, line.Data);
        process.ErrorDataReceived += (_, line) => Append(log, line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException($"Silo {Name} exited with {process.ExitCode} while starting:\n{LogTail()}");
            try
            {
                using var ready = await Client.GetAsync("/health/ready");
                if (ready.IsSuccessStatusCode) return;
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"Silo {Name} was not ready within {StartTimeout}:\n{LogTail()}");
    }

    /// <summary>Kills the process with SIGKILL: no shutdown, nothing flushed, the way a machine dies.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: false);
            process.WaitForExit();
        }
    }

    public string LogTail(int lines = 40)
    {
        if (!File.Exists(_logPath)) return "(no log)";
        using var reader = new StreamReader(new FileStream(_logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        return string.Join('\n', reader.ReadToEnd().Split('\n').TakeLast(lines));
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process?.Dispose();
        CloseLog();
        Client.Dispose();
        return ValueTask.CompletedTask;
    }

    // Output may still arrive after the process has gone; a closed log just drops it.
    private static void Append(StreamWriter log, string? line)
    {
        if (line is null) return;
        lock (log)
        {
            if (log.BaseStream is not null) log.WriteLine(line);
        }
    }

    private void CloseLog()
    {
        if (_log is not { } log) return;
        lock (log) log.Dispose();
        _log = null;
    }

    /// <summary>Distinct ports the system just handed out, held together so that they differ.</summary>
    internal static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(listener => listener.Start());
        var ports = listeners.Select(listener => ((IPEndPoint)listener.LocalEndpoint).Port).ToArray();
        listeners.ForEach(listener => listener.Stop());
        return ports;
    }
}
