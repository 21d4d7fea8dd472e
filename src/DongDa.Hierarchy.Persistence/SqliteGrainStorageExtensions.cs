using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Storage;

namespace DongDa.Hierarchy.Persistence;

/// <summary>Registers grain storage on a SQLite file through the Orleans ADO.NET provider.</summary>
public static class SqliteGrainStorageExtensions
{
    /// <summary>The ADO.NET invariant under which the Orleans provider loads Microsoft.Data.Sqlite.</summary>
    public const string SqliteInvariant = "System.Data.SQLite";

    /// <summary>
    /// Adds a named ADO.NET grain storage on the SQLite database of <paramref name="connectionString"/>,
    /// whose schema is created or upgraded before any storage provider initializes.
    /// </summary>
    /// <remarks>The connection string is resolved from services when the silo starts, so it may come from configuration bound late.</remarks>
    /// <param name="builder">The silo.</param>
    /// <param name="name">The storage name grains ask for.</param>
    /// <param name="connectionString">Resolves the SQLite connection string when the silo starts.</param>
    /// <param name="wrap">Optionally wraps the storage (tests inject storage faults this way).</param>
    public static ISiloBuilder AddSqliteGrainStorage(
        this ISiloBuilder builder, string name, Func<IServiceProvider, string> connectionString, Func<IGrainStorage, IGrainStorage>? wrap = null)
    {
        // SQLite has a single writer: one transaction at a time, which writes take in turn instead
        // of sleeping in its busy handler. The connection states synchronous=FULL (the build's
        // default too) so that durability does not rest on how the library was compiled.
        AdoNetGrainStorage.Add(builder, name, SqliteInvariant, connectionString,
            connection => new GroupCommitDialect(() => new SqliteConnection(connection), Writers: 1, OnOpen: "PRAGMA synchronous=FULL;", Name: "sqlite"), wrap);

        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(services => new SchemaParticipant(connectionString(services)));
        return builder;
    }

    private sealed class SchemaParticipant(string connectionString) : ILifecycleParticipant<ISiloLifecycle>
    {
        public void Participate(ISiloLifecycle lifecycle) =>
            lifecycle.Subscribe(nameof(SqliteGrainStorageSchema), ServiceLifecycleStage.RuntimeInitialize,
                cancellationToken => SqliteGrainStorageSchema.ApplyAsync(connectionString, cancellationToken));
    }
}
