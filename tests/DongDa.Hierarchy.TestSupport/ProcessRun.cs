using System.Diagnostics;

namespace DongDa.Hierarchy.TestSupport;

/// <summary>Runs a program to its end and collects what it printed; the one way the tests run a command (the host's verbs, scripts, <c>ip</c>).</summary>
public static class ProcessRun
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(ProcessStartInfo start, TimeSpan timeout)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start.");
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
            throw new TimeoutException($"{start.FileName} was still running after {timeout}:\n{await output}");
        }

        return (process.ExitCode, (await output).Trim(), await error);
    }
}
