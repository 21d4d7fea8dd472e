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

    /// <summary>The token signing key every test host is given (base64), so that tests can sign their own tokens.</summary>
    public const string SigningKey = "ZG9uZ2RhLWhpZXJhcmNoeS10ZXN0LXNpZ25pbmcta2V5LTY0LWJ5dGVzLWxvbmctZm9yLWhzNTEyLWNoZWNrcw==";

    /// <summary>Host settings (configuration keys) that point a host at this store, with the test signing key.</summary>
    public IReadOnlyDictionary<string, string> HostSettings =>
        new Dictionary<string, string>(StoreSettings) { ["Hierarchy:Auth:SigningKey"] = SigningKey };

    /// <summary>The settings that choose this store.</summary>
    protected abstract IReadOnlyDictionary<string, string> StoreSettings { get; }

    /// <summary>Adds grain storage on this store to a test silo.</summary>
    public abstract void AddGrainStorage(ISiloBuilder silo, string name, Func<IGrainStorage, IGrainStorage>? wrap);

    public virtual ValueTask DisposeAsync()
    {
        if (System.IO.Directory.Exists(Directory)) System.IO.Directory.Delete(Directory, recursive: true);
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
