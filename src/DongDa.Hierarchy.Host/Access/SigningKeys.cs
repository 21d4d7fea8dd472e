using System.Runtime.InteropServices;
using System.Security.Cryptography;
using DongDa.Hierarchy.Host.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace DongDa.Hierarchy.Host.Access;

/// <summary>
/// The symmetric key tokens are signed with: the configured one, or in Development a local key
/// made once and kept in the data folder, so that a first run works in one step.
/// </summary>
/// <remarks>
/// A host and any number of <c>token</c> commands may start together on one fresh folder. The key
/// is written to a file of its own and then linked into place, so a reader finds no key or a whole
/// one, never a half-written or locked file; of several writers the first link wins and every
/// process reads the winner's key back. Reads still retry, because another program (a backup, an
/// editor) may hold the file for a moment.
/// </remarks>
public static partial class SigningKeys
{
    public const int MinimumBytes = 32;
    public const string DevelopmentKeyFile = "token-signing-key";

    /// <summary>How long a process waits for a key file it cannot read yet before it gives up.</summary>
    private static readonly TimeSpan ReadFor = TimeSpan.FromSeconds(10);

    /// <summary>The key, or null when none is configured and the environment may not make one.</summary>
    /// <exception cref="HostCannotStartException">The local key can be neither read nor made.</exception>
    public static SymmetricSecurityKey? Resolve(AuthOptions auth, IHostEnvironment environment, string dataDirectory)
    {
        if (!string.IsNullOrWhiteSpace(auth.SigningKey)) return FromBase64(auth.SigningKey);
        return environment.IsDevelopment() ? FromBase64(LoadOrCreateDevelopmentKey(dataDirectory)) : null;
    }

    public static bool IsValid(string base64)
    {
        var bytes = new byte[base64.Length];
        return Convert.TryFromBase64String(base64, bytes, out var length) && length >= MinimumBytes;
    }

    public static SymmetricSecurityKey FromBase64(string base64)
    {
        var bytes = Convert.FromBase64String(base64);
        if (bytes.Length < MinimumBytes) throw new InvalidOperationException($"{AuthOptions.Section}:SigningKey must be at least {MinimumBytes} bytes.");
        return new SymmetricSecurityKey(bytes);
    }

    private static string LoadOrCreateDevelopmentKey(string dataDirectory)
    {
        var file = Path.Combine(Path.GetFullPath(dataDirectory), DevelopmentKeyFile);
        var deadline = DateTime.UtcNow + ReadFor;
        Exception? last = null;
        while (true)
        {
            try
            {
                if (!File.Exists(file)) Publish(file, Convert.ToBase64String(RandomNumberGenerator.GetBytes(MinimumBytes)));
                var key = File.ReadAllText(file).Trim();
                if (IsValid(key)) return key;
                last = new InvalidDataException($"'{file}' does not hold a base64 key of at least {MinimumBytes} bytes.");
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                last = exception;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new HostCannotStartException(
                    $"The local token signing key '{file}' can be neither read nor made ({last.Message}). Delete the file if it is damaged, or set {AuthOptions.Section}:SigningKey.", last);
            }

            Thread.Sleep(20);
        }
    }

    /// <summary>Writes the key beside its place, then moves it there unless another process was first.</summary>
    private static void Publish(string file, string key)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var staging = $"{file}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using (var writer = new StreamWriter(staging, options))
            {
                writer.Write(key);
                writer.Flush();
                ((FileStream)writer.BaseStream).Flush(flushToDisk: true);
            }

            Link(staging, file);
        }
        catch (IOException) when (File.Exists(file))
        {
            // Another process published its key first; the caller reads that one.
        }
        finally
        {
            File.Delete(staging);
        }
    }

    /// <summary>
    /// Gives the staged file its final name unless that name exists, in one step. File.Move checks
    /// for the target and then renames, so two processes could both rename and the second replace
    /// the key the first is already signing with; link(2) fails instead.
    /// </summary>
    private static void Link(string staging, string file)
    {
        if (OperatingSystem.IsWindows())
        {
            File.Move(staging, file, overwrite: false);
            return;
        }

        if (link(staging, file) != 0)
        {
            throw new IOException($"Cannot link '{staging}' to '{file}' (errno {Marshal.GetLastPInvokeError()}).");
        }
    }

    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int link(string existing, string created);
}
