using DongDa.Hierarchy.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace DongDa.Hierarchy.Api.Tests;

/// <summary>
/// The real host (API and co-hosted silo) over a store of the test's choosing, with its own silo
/// ports so that several hosts can run side by side.
/// </summary>
public sealed class HostFactory(
    TestStore store, bool seed, Action<IServiceCollection>? services = null, IReadOnlyDictionary<string, string>? settings = null)
    : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        if (services is not null) builder.ConfigureTestServices(services);

        foreach (var (key, value) in store.HostSettings)
        {
            builder.UseSetting(key, value);
        }

        builder.UseSetting("Hierarchy:SeedOnStart", seed ? "true" : "false");
        var ports = TestSupport.HostProcess.FreePorts(2);
        var (siloPort, gatewayPort) = (ports[0], ports[1]);
        builder.UseSetting("Hierarchy:SiloPort", siloPort.ToString());
        builder.UseSetting("Hierarchy:GatewayPort", gatewayPort.ToString());
        builder.UseSetting("Hierarchy:Api:MaxBodyBytes", "65536");
        // A host on PostgreSQL drains before it stops, for the balancer in front of a cluster; tests have none.
        builder.UseSetting("Hierarchy:DrainSeconds", "0");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>Clients act as an admin of every organization unless a test says otherwise.</summary>
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.As(Tokens.Everywhere);
    }
}

/// <summary>One host shared by a test collection, over a store of its own that is deleted afterwards.</summary>
public abstract class HostFixture(bool seed) : IAsyncLifetime
{
    private TestStore _store = null!;

    public HostFactory Factory { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    protected abstract Task<TestStore> CreateStoreAsync();

    public async Task InitializeAsync()
    {
        _store = await CreateStoreAsync();
        Factory = new HostFactory(_store, seed);
        Client = Factory.CreateClient();
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await _store.DisposeAsync();
    }
}

/// <summary>Creates the store of each storage choice, for fixtures and tests that run on both.</summary>
public static class Stores
{
    public static Task<TestStore> Sqlite() => Task.FromResult<TestStore>(new SqliteTestStore());

    public static async Task<TestStore> PostgreSql() => await PostgreSqlTestStore.CreateAsync();
}

public sealed class EmptySqliteHost() : HostFixture(seed: false)
{
    protected override Task<TestStore> CreateStoreAsync() => Stores.Sqlite();
}

public sealed class EmptyPostgreSqlHost() : HostFixture(seed: false)
{
    protected override Task<TestStore> CreateStoreAsync() => Stores.PostgreSql();
}

public sealed class SeededSqliteHost() : HostFixture(seed: true)
{
    protected override Task<TestStore> CreateStoreAsync() => Stores.Sqlite();
}

public sealed class SeededPostgreSqlHost() : HostFixture(seed: true)
{
    protected override Task<TestStore> CreateStoreAsync() => Stores.PostgreSql();
}

[CollectionDefinition(Name)]
public sealed class EmptySqliteHostCollection : ICollectionFixture<EmptySqliteHost>
{
    public const string Name = "empty host on SQLite";
}

[CollectionDefinition(Name)]
public sealed class EmptyPostgreSqlHostCollection : ICollectionFixture<EmptyPostgreSqlHost>
{
    public const string Name = "empty host on PostgreSQL";
}

[CollectionDefinition(Name)]
public sealed class SeededSqliteHostCollection : ICollectionFixture<SeededSqliteHost>
{
    public const string Name = "seeded host on SQLite";
}

[CollectionDefinition(Name)]
public sealed class SeededPostgreSqlHostCollection : ICollectionFixture<SeededPostgreSqlHost>
{
    public const string Name = "seeded host on PostgreSQL";
}
