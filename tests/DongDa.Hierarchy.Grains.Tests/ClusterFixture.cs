using DongDa.Hierarchy.Grains;
using DongDa.Hierarchy.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace DongDa.Hierarchy.Grains.Tests;

/// <summary>One in-process silo storing grain state in a fresh store through the Orleans ADO.NET provider.</summary>
public abstract class ClusterFixture : IAsyncLifetime
{
    private TestStore _store = null!;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    /// <summary>Fails chosen storage writes, for tests of what a failed write leaves behind.</summary>
    public FaultInjectingStorage Faults { get; } = new();

    /// <summary>Every grain call the silo receives, for tests that count the work a rollup does.</summary>
    public GrainCallLog Calls { get; } = new();

    protected abstract Task<TestStore> CreateStoreAsync();

    public async Task InitializeAsync()
    {
        _store = await CreateStoreAsync();
        var builder = new InProcessTestClusterBuilder();
        builder.ConfigureSilo((_, silo) =>
        {
            _store.AddGrainStorage(silo, StorageNames.Hierarchy, Faults.Wrap);
            silo.AddHierarchyGrains();
            silo.AddIncomingGrainCallFilter(Calls);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await _store.DisposeAsync();
    }
}

public sealed class SqliteClusterFixture : ClusterFixture
{
    protected override Task<TestStore> CreateStoreAsync() => Task.FromResult<TestStore>(new SqliteTestStore());
}

public sealed class PostgreSqlClusterFixture : ClusterFixture
{
    protected override async Task<TestStore> CreateStoreAsync() => await PostgreSqlTestStore.CreateAsync();
}

[CollectionDefinition(Name)]
public sealed class SqliteCluster : ICollectionFixture<SqliteClusterFixture>
{
    public const string Name = "cluster on SQLite";
}

[CollectionDefinition(Name)]
public sealed class PostgreSqlCluster : ICollectionFixture<PostgreSqlClusterFixture>
{
    public const string Name = "cluster on PostgreSQL";
}
