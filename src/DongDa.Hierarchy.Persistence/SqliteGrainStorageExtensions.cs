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
    /// <param name="wrap">Optionally wraps the ADO.NET storage, inside the single-writer queue (tests inject storage faults this way).</param>
    public static ISiloBuilder AddSqliteGrainStorage(
        this ISiloBuilder builder, string name, Func<IServiceProvider, string> connectionString, Func<IGrainStorage, IGrainStorage>? wrap = null)
    {
        AdoNetGrainStorage.Add(builder, name, SqliteInvariant, connectionString,
            adoNet => new SerializedWriteGrainStorage(wrap?.Invoke(adoNet) ?? adoNet));

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
