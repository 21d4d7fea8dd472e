using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace DongDa.Hierarchy.TestSupport;

/// <summary>
/// The real host (API and silo) as its own OS process, run with <c>dotnet</c> from the test's
/// output folder (a test project that references the host has it there), on a test store, with
/// fixed ports so that it can be killed and started again as the same silo.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    /// <summary>Longer than the API's 10 s deadline, so that a slow request is answered by the host's own 504 rather than abandoned here.</summary>
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(30);

    private readonly TestStore _store;
    private readonly bool _seed;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly string _logPath;
    private readonly HostPlacement? _placement;
    private Process? _process;
    private StreamWriter? _log;

    private HostProcess(string name, TestStore store, bool seed, IReadOnlyDictionary<string, string>? environment, string token, HostPlacement? placement)
    {
        Name = name;
        _placement = placement;
        _store = store;
        _seed = seed;
        _environment = environment ?? new Dictionary<string, string>();
        _logPath = Path.Combine(store.Directory, name + ".log");
        var ports = FreePorts(3);
        (HttpPort, SiloPort, GatewayPort) = (ports[0], ports[1], ports[2]);
        AdminToken = token;
        Client = new HttpClient { BaseAddress = new Uri($"http://{placement?.Address ?? IPAddress.Loopback}:{HttpPort}"), Timeout = ClientTimeout };
        Client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
    }

    public string Name { get; }
    public int HttpPort { get; }
    public int SiloPort { get; }
    public int GatewayPort { get; }

    /// <summary>Whether the process is running (it may have stopped itself, e.g. a silo the cluster declared dead).</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Waits up to <paramref name="within"/> for the process to end by itself; whether it did.</summary>
    public async Task<bool> Exited(TimeSpan within)
    {
        if (_process is not { } process) return true;
        using var deadline = new CancellationTokenSource(within);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>The running process's id.</summary>
    public int ProcessId => _process?.Id ?? throw new InvalidOperationException($"Host {Name} is not running.");

    /// <summary>An admin token for every organization, signed for this host's store.</summary>
    public string AdminToken { get; }

    /// <summary>A client of this host's API, with <see cref="AdminToken"/>.</summary>
    public HttpClient Client { get; }

    /// <param name="name">Names the process in its log.</param>
    /// <param name="store">The store it runs on.</param>
    /// <param name="seed">Load the Đống Đa dataset on start.</param>
    /// <param name="environment">Further environment variables for the process.</param>
    /// <param name="placement">A network namespace and address of its own (as a silo on its own machine has), instead of loopback.</param>
    public static async Task<HostProcess> StartAsync(
        string name, TestStore store, bool seed = false, IReadOnlyDictionary<string, string>? environment = null, HostPlacement? placement = null)
    {
        var silo = new HostProcess(name, store, seed, environment, await IssueToken(store, ["*"], "admin"), placement);
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
        var start = HostCommand.StartInfo([], _store.HostSettings.AsEnvironment());
        if (_placement is { } placement)
        {
            // As on a machine of its own: its address for the silo and the API, in its own network stack.
            start.Environment["Hierarchy__Address"] = placement.Address.ToString();
            start.Environment["Hierarchy__HttpUrl"] = Client.BaseAddress!.ToString();
            if (placement.Namespace is { } space)
            {
                List<string> command = ["netns", "exec", space, start.FileName, .. start.ArgumentList];
                start.FileName = "ip";
                start.ArgumentList.Clear();
                foreach (var argument in command) start.ArgumentList.Add(argument);
            }
        }
        else
        {
            start.Environment["ASPNETCORE_URLS"] = Client.BaseAddress!.ToString();
        }

        start.Environment["Hierarchy__DataDirectory"] = Path.Combine(_store.Directory, Name);
        start.Environment["Hierarchy__SeedOnStart"] = _seed ? "true" : "false";
        foreach (var (key, value) in _environment) start.Environment[key] = value;
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
            if (process.HasExited) throw new InvalidOperationException($"Host {Name} exited with {process.ExitCode} while starting:\n{LogTail()}");
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

        throw new TimeoutException($"Host {Name} was not ready within {StartTimeout}:\n{LogTail()}");
    }

    /// <summary>A token from the host's own <c>token</c> command, signed with the store's test key.</summary>
    public static async Task<string> IssueToken(TestStore store, IReadOnlyList<string> orgs, string role)
    {
        List<string> arguments = ["token", "--role", role];
        foreach (var org in orgs) arguments.AddRange(["--org", org]);
        var (exitCode, token, error) = await HostCommand.RunAsync(arguments, store.HostSettings.AsEnvironment(), TimeSpan.FromSeconds(60));
        return exitCode == 0 ? token : throw new InvalidOperationException($"The token command failed ({exitCode}): {error}");
    }

    /// <summary>The initial password of the first admin, as a Development host prints it on its first start.</summary>
    public async Task<string> FirstAdminPassword()
    {
        for (var attempt = 0; attempt < 150; attempt++)
        {
            var line = LogTail(400).Split('\n').FirstOrDefault(text => text.StartsWith("Initial password / Mật khẩu ban đầu: ", StringComparison.Ordinal));
            if (line is not null) return line.Split(": ", 2)[1].Trim();
            await Task.Delay(200);
        }

        throw new TimeoutException($"Host {Name} printed no first admin password:\n{LogTail()}");
    }

    /// <summary>
    /// Runs the host's <c>user add</c> command on <paramref name="store"/>'s data folder <paramref name="folder"/>
    /// (a host's own is the store's folder and the host's name), on silo ports of its own.
    /// </summary>
    public static Task<(int ExitCode, string Output, string Error)> UserAdd(TestStore store, string folder, params string[] arguments)
    {
        var ports = FreePorts(2);
        return HostCommand.RunAsync(["user", "add", .. arguments], new Dictionary<string, string>(store.HostSettings.AsEnvironment())
        {
            ["Hierarchy__DataDirectory"] = folder,
            ["Hierarchy__SiloPort"] = ports[0].ToString(),
            ["Hierarchy__GatewayPort"] = ports[1].ToString(),
        }, TimeSpan.FromSeconds(90));
    }

    /// <summary>Asks the process to stop with SIGTERM, as systemd or Kubernetes does, and waits for it to exit; its exit code.</summary>
    public async Task<int> Terminate(TimeSpan within)
    {
        if (_process is not { HasExited: false } process) throw new InvalidOperationException($"Host {Name} is not running.");
        await ProcessRun.RunAsync(new ProcessStartInfo("kill", ["-TERM", process.Id.ToString()]), TimeSpan.FromSeconds(10));
        using var deadline = new CancellationTokenSource(within);
        await process.WaitForExitAsync(deadline.Token);
        return process.ExitCode;
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

    /// <summary>The last lines the process wrote to its console, across restarts.</summary>
    /// <param name="lines">How many of the last lines to give.</param>
    /// <param name="withStackTraces">Keep the frames of logged exceptions, which can crowd out everything else.</param>
    public string LogTail(int lines = 40, bool withStackTraces = true)
    {
        if (!File.Exists(_logPath)) return "(no log)";
        using var reader = new StreamReader(new FileStream(_logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        var all = reader.ReadToEnd().Split('\n');
        var kept = withStackTraces ? all : all.Where(line => !IsStackTraceLine(line.TrimStart()));
        return string.Join('\n', kept.TakeLast(lines));
    }

    private static bool IsStackTraceLine(string line) =>
        line.StartsWith("at ", StringComparison.Ordinal) || line.StartsWith("--- End of", StringComparison.Ordinal);

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

    /// <summary>
    /// Distinct ports free to listen on, chosen below the range the system hands out to outgoing
    /// connections (32768 and up on Linux). A port from that range, free when asked, can be taken by
    /// any process's next outgoing connection before the host binds it; under the suite's parallel
    /// load that happened ("address already in use").
    /// </summary>
    public static int[] FreePorts(int count)
    {
        var ports = new List<int>(count);
        while (ports.Count < count)
        {
            var port = Random.Shared.Next(20_000, 32_700);
            if (ports.Contains(port)) continue;
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                ports.Add(port);
            }
            catch (SocketException)
            {
                // In use: another.
            }
        }

        return [.. ports];
    }
}

/// <summary>Where a host runs when not on loopback: a network namespace (null: this one) and its address there.</summary>
public sealed record HostPlacement(string? Namespace, IPAddress Address);
