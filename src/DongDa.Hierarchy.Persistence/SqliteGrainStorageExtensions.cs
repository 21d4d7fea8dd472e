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
    public static ISiloBuilder AddSqliteGrainStorage(this ISiloBuilder builder, string name, Func<IServiceProvider, string> connectionString)
    {
        var adoNetName = name + ".adonet";
        builder.AddAdoNetGrainStorage(adoNetName, options => options.Invariant = SqliteInvariant);
        builder.Services.AddKeyedSingleton<IGrainStorage>(name,
            (services, _) => new SerializedWriteGrainStorage(services.GetRequiredKeyedService<IGrainStorage>(adoNetName)));

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
