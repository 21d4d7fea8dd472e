using System.Diagnostics;

namespace DongDa.Hierarchy.TestSupport;

/// <summary>
/// LibreOffice, headless, for opening what we write as an office would: Debian's Writer and Calc,
/// which <c>./test.sh</c> installs. Missing, it fails the test saying so, never passes it.
/// </summary>
public static class LibreOffice
{
    /// <summary>Has LibreOffice open <paramref name="file"/> and save it beside it with <paramref name="filter"/> (<c>pdf</c>, <c>txt:…</c>, <c>csv:…</c>); the path written.</summary>
    public static async Task<string> Convert(string file, string filter, IReadOnlyDictionary<string, string>? environment = null)
    {
        var program = Environment.GetEnvironmentVariable("DONGDA_SOFFICE") ?? "/usr/bin/soffice";
        if (!File.Exists(program)) throw new MissingPrerequisiteException($"LibreOffice ({program})", "apt-get install libreoffice-writer-nogui libreoffice-calc-nogui, or name another in DONGDA_SOFFICE");
        var folder = Path.GetDirectoryName(Path.GetFullPath(file))!;
        var start = new ProcessStartInfo(program)
        {
            // A profile of its own, so that a LibreOffice running beside it does not lock it.
            ArgumentList = { $"-env:UserInstallation=file://{folder}/profile", "--headless", "--norestore", "--convert-to", filter, "--outdir", folder, file },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        using var soffice = Process.Start(start)!;
        var (output, error) = (soffice.StandardOutput.ReadToEndAsync(), soffice.StandardError.ReadToEndAsync());
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await soffice.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            soffice.Kill(entireProcessTree: true);
            throw new TimeoutException($"LibreOffice did not convert {file} within two minutes.");
        }

        var written = Path.ChangeExtension(Path.GetFullPath(file), filter.Split(':')[0]);
        return File.Exists(written) ? written : throw new InvalidOperationException($"LibreOffice wrote no {written} (exit {soffice.ExitCode}): {await output} {await error}");
    }
}
