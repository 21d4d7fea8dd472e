using System.Diagnostics;

namespace DongDa.Hierarchy.Host.Hosting;

/// <summary>
/// Keeps a second host off the data folder of a running one, which would open the same SQLite file:
/// an exclusive lock on <c>host.lock</c>, held for the life of the process and let go by the
/// system when the process ends, however it ends. The holder's process id is written beside it, in
/// <c>host.pid</c>, so that the host refused can name it.
/// </summary>
public sealed class DataFolderLock : IDisposable
{
    public const string LockFile = "host.lock";
    public const string HolderFile = "host.pid";

    private readonly FileStream _held;

    private DataFolderLock(FileStream held) => _held = held;

    /// <exception cref="HostCannotStartException">Another process holds the folder.</exception>
    public static DataFolderLock Take(string dataDirectory)
    {
        var folder = Path.GetFullPath(dataDirectory);
        Directory.CreateDirectory(folder);
        FileStream held;
        try
        {
            // FileShare.None is an exclusive flock(2) on Linux: a second holder is refused at once.
            held = new FileStream(Path.Combine(folder, LockFile), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw new HostCannotStartException(
                $"The data folder '{folder}' is in use by another host ({Holder(folder)}). Stop that host, or give this one a folder of its own with --Hierarchy:DataDirectory=<folder>.");
        }

        File.WriteAllText(Path.Combine(folder, HolderFile), Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return new DataFolderLock(held);
    }

    private static string Holder(string folder)
    {
        try
        {
            var id = int.Parse(File.ReadAllText(Path.Combine(folder, HolderFile)).Trim(), System.Globalization.CultureInfo.InvariantCulture);
            using var process = Process.GetProcessById(id);
            return $"process {id}, {process.ProcessName}, started {process.StartTime.ToUniversalTime():yyyy-MM-dd HH:mm:ss} UTC";
        }
        catch (Exception exception) when (exception is IOException or FormatException or ArgumentException or InvalidOperationException or UnauthorizedAccessException)
        {
            // The holder has only just taken the lock, or is gone while the system lets the lock go.
            return "a process starting or stopping";
        }
    }

    public void Dispose() => _held.Dispose();
}
