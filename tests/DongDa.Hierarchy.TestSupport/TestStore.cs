using Orleans.Storage;

namespace DongDa.Hierarchy.TestSupport;

/// <summary>
/// A store made for one test fixture and deleted afterwards, on one of the storage choices the
/// product supports, so that the same tests run on each.
/// </summary>
public abstract class TestStore : IAsyncDisposable
{
    /// <summary>A folder of this store's own, for what the host keeps on disk whatever the storage.</summary>
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "dongda-test-" + Guid.NewGuid().ToString("N"));

    /// <summary>Host settings (configuration keys) that point a host at this store.</summary>
    public abstract IReadOnlyDictionary<string, string> HostSettings { get; }

    /// <summary>Adds grain storage on this store to a test silo.</summary>
    public abstract void AddGrainStorage(ISiloBuilder silo, string name, Func<IGrainStorage, IGrainStorage>? wrap);

    public virtual ValueTask DisposeAsync()
    {
        if (System.IO.Directory.Exists(Directory)) System.IO.Directory.Delete(Directory, recursive: true);
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
