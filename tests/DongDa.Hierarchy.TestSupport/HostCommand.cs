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

    public static Task<(int ExitCode, string Output, string Error)> RunAsync(
        IEnumerable<string> arguments, IEnumerable<KeyValuePair<string, string>> environment, TimeSpan timeout) =>
        ProcessRun.RunAsync(StartInfo(arguments, environment), timeout);

    /// <summary>The environment variables of configuration keys (<c>Hierarchy:Auth:SigningKey</c> → <c>Hierarchy__Auth__SigningKey</c>).</summary>
    public static IEnumerable<KeyValuePair<string, string>> AsEnvironment(this IReadOnlyDictionary<string, string> settings) =>
        settings.Select(setting => KeyValuePair.Create(setting.Key.Replace(":", "__"), setting.Value));
}
