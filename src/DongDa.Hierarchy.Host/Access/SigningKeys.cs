using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace DongDa.Hierarchy.Host.Access;

/// <summary>
/// The symmetric key tokens are signed with: the configured one, or in Development a local key
/// made once and kept in the data folder, so that a first run works in one step.
/// </summary>
public static class SigningKeys
{
    public const int MinimumBytes = 32;
    public const string DevelopmentKeyFile = "token-signing-key";

    /// <summary>The key, or null when none is configured and the environment may not make one.</summary>
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

    /// <summary>The other process may not have written the key yet.</summary>
    private static string ReadWhenWritten(string file)
    {
        for (var attempt = 0; ; attempt++)
        {
            var key = File.ReadAllText(file).Trim();
            if (IsValid(key) || attempt == 50) return key;
            Thread.Sleep(20);
        }
    }

    private static string LoadOrCreateDevelopmentKey(string dataDirectory)
    {
        var file = Path.Combine(Path.GetFullPath(dataDirectory), DevelopmentKeyFile);
        if (File.Exists(file)) return ReadWhenWritten(file);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(MinimumBytes));
        try
        {
            // CreateNew: of two processes starting together on one folder, the second reads the first's key.
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using var writer = new StreamWriter(file, options);
            writer.Write(key);
            return key;
        }
        catch (IOException) when (File.Exists(file))
        {
            return ReadWhenWritten(file);
        }
    }
}
