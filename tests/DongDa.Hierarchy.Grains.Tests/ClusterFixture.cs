using DongDa.Hierarchy.Grains;
using DongDa.Hierarchy.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace DongDa.Hierarchy.Grains.Tests;

/// <summary>One in-process silo storing grain state in a fresh SQLite file through the Orleans ADO.NET provider.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "dongda-grains-" + Guid.NewGuid().ToString("N"));

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    /// <summary>Fails chosen storage writes, for tests of what a failed write leaves behind.</summary>
    public FaultInjectingStorage Faults { get; } = new();

    /// <summary>Every grain call the silo receives, for tests that count the work a rollup does.</summary>
    public GrainCallLog Calls { get; } = new();

    public async Task InitializeAsync()
    {
        var connectionString = $"Data Source={Path.Combine(_directory, "grains.db")};Pooling=True;Default Timeout=10";
        var builder = new InProcessTestClusterBuilder();
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddSqliteGrainStorage(StorageNames.Hierarchy, _ => connectionString, Faults.Wrap);
            silo.Services.AddSingleton(TimeProvider.System);
            silo.AddIncomingGrainCallFilter(Calls);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
