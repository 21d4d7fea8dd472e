using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Storage;

namespace DongDa.Hierarchy.Persistence;

/// <summary>Grain storage and cluster membership on PostgreSQL through the Orleans ADO.NET providers and Npgsql.</summary>
/// <remarks>Connection strings are resolved from services when the silo starts, so they may come from configuration bound late.</remarks>
public static class PostgreSqlSiloExtensions
{
    /// <summary>The ADO.NET invariant under which the Orleans providers load Npgsql.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>
    /// Creates or upgrades the schema before anything in the silo touches the database, and stops
    /// the silo from starting, with <see cref="PostgreSqlUnavailableException"/>, when it cannot.
    /// </summary>
    public static ISiloBuilder AddPostgreSqlSchema(this ISiloBuilder builder, Func<IServiceProvider, string> connectionString)
    {
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(services => new SchemaParticipant(connectionString(services)));
        return builder;
    }

    /// <summary>Adds a named ADO.NET grain storage on PostgreSQL.</summary>
    /// <param name="builder">The silo.</param>
    /// <param name="name">The storage name grains ask for.</param>
    /// <param name="connectionString">Resolves the Npgsql connection string when the silo starts.</param>
    /// <param name="wrap">Optionally wraps the storage (tests inject storage faults this way).</param>
    public static ISiloBuilder AddPostgreSqlGrainStorage(
        this ISiloBuilder builder, string name, Func<IServiceProvider, string> connectionString, Func<IGrainStorage, IGrainStorage>? wrap = null)
    {
        // PostgreSQL takes concurrent writers, so several transactions are in flight: one waits on
        // the server's WAL flush while the next gathers writes.
        AdoNetGrainStorage.Add(builder, name, Invariant, connectionString,
            connection => new GroupCommitDialect(() => new NpgsqlConnection(connection), Writers: 4, OnOpen: null, Name: "postgresql"), wrap);
        return builder;
    }

    /// <summary>Joins the cluster through the membership table in PostgreSQL.</summary>
    public static ISiloBuilder UsePostgreSqlClustering(this ISiloBuilder builder, Func<IServiceProvider, string> connectionString)
    {
        builder.UseAdoNetClustering(options => options.Invariant = Invariant);
        builder.Services.AddOptions<AdoNetClusteringSiloOptions>()
            .Configure<IServiceProvider>((options, services) => options.ConnectionString = connectionString(services));
        return builder;
    }

    private sealed class SchemaParticipant(string connectionString) : ILifecycleParticipant<ISiloLifecycle>
    {
        // Before RuntimeInitialize, where the membership table and storage providers first connect.
        public void Participate(ISiloLifecycle lifecycle) =>
            lifecycle.Subscribe(nameof(PostgreSqlSchema), ServiceLifecycleStage.RuntimeInitialize - 1,
                cancellationToken => PostgreSqlSchema.ApplyAsync(connectionString, cancellationToken));
    }
}
