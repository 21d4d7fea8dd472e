using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Serialization;
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
        var adoNetName = name + ".adonet";
        builder.AddAdoNetGrainStorage(adoNetName, options => options.Invariant = SqliteInvariant);
        builder.Services.AddKeyedSingleton<IGrainStorage>(name, (services, _) =>
        {
            var adoNet = services.GetRequiredKeyedService<IGrainStorage>(adoNetName);
            return new SerializedWriteGrainStorage(wrap?.Invoke(adoNet) ?? adoNet);
        });

        // Orleans' own binary format honours [Id] and [Alias], so stored state survives renames
        // and polymorphic records round-trip exactly.
        builder.Services.AddOptions<AdoNetGrainStorageOptions>(adoNetName)
            .Configure<IServiceProvider>((options, services) =>
            {
                options.ConnectionString = connectionString(services);
                options.GrainStorageSerializer = new OrleansGrainStorageSerializer(services.GetRequiredService<Serializer>());
            });

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
