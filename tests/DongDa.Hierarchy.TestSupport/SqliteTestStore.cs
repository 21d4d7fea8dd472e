using DongDa.Hierarchy.Persistence;
using Microsoft.Data.Sqlite;
using Orleans.Storage;

namespace DongDa.Hierarchy.TestSupport;

/// <summary>The embedded default: a SQLite file in a fresh folder.</summary>
public sealed class SqliteTestStore : TestStore
{
    protected override IReadOnlyDictionary<string, string> StoreSettings => new Dictionary<string, string>
    {
        ["Hierarchy:Storage"] = "Sqlite",
        ["Hierarchy:DataDirectory"] = Directory,
    };

    public override void AddGrainStorage(ISiloBuilder silo, string name, Func<IGrainStorage, IGrainStorage>? wrap)
    {
        var connectionString = $"Data Source={Path.Combine(Directory, "grains.db")};Pooling=True;Default Timeout=10";
        silo.AddSqliteGrainStorage(name, _ => connectionString, wrap);
    }

    public override ValueTask DisposeAsync()
    {
        // Pooled connections keep the file open.
        SqliteConnection.ClearAllPools();
        return base.DisposeAsync();
    }
}
