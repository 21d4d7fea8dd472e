using System.Diagnostics;

namespace DongDa.Hierarchy.TestSupport;

/// <summary>Runs the host program once to its end (a command such as <c>token</c>, or a start that must fail) and collects what it printed.</summary>
public static class HostCommand
{
    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments, IEnumerable<KeyValuePair<string, string>> environment)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "DongDa.Hierarchy.Host.dll"), .. arguments])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment) start.Environment[name] = value;
        return start;
    }

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        IEnumerable<string> arguments, IEnumerable<KeyValuePair<string, string>> environment, TimeSpan timeout)
    {
        using var process = Process.Start(StartInfo(arguments, environment))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw new TimeoutException($"The host was still running after {timeout}:\n{await output}");
        }

        return (process.ExitCode, (await output).Trim(), await error);
    }

    /// <summary>The environment variables of configuration keys (<c>Hierarchy:Auth:SigningKey</c> → <c>Hierarchy__Auth__SigningKey</c>).</summary>
    public static IEnumerable<KeyValuePair<string, string>> AsEnvironment(this IReadOnlyDictionary<string, string> settings) =>
        settings.Select(setting => KeyValuePair.Create(setting.Key.Replace(":", "__"), setting.Value));
}
