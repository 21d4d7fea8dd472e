using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DongDa.Hierarchy.Api.Tests;

/// <summary>
/// The real host (API and co-hosted silo on SQLite) over a data folder of the test's choosing, with
/// its own silo ports so that several hosts can run side by side.
/// </summary>
public sealed class HostFactory(string dataDirectory, bool seed) : WebApplicationFactory<Program>
{
    public string DataDirectory { get; } = dataDirectory;

    public static string NewDataDirectory() => Path.Combine(Path.GetTempPath(), "dongda-api-" + Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Hierarchy:DataDirectory", DataDirectory);
        builder.UseSetting("Hierarchy:SeedOnStart", seed ? "true" : "false");
        var (siloPort, gatewayPort) = TwoFreePorts();
        builder.UseSetting("Hierarchy:SiloPort", siloPort.ToString());
        builder.UseSetting("Hierarchy:GatewayPort", gatewayPort.ToString());
        builder.UseSetting("Hierarchy:Api:MaxBodyBytes", "65536");
    }

    /// <summary>Two distinct ports the system just handed out; held together so that they differ.</summary>
    private static (int, int) TwoFreePorts()
    {
        using var first = new TcpListener(IPAddress.Loopback, 0);
        using var second = new TcpListener(IPAddress.Loopback, 0);
        first.Start();
        second.Start();
        return (((IPEndPoint)first.LocalEndpoint).Port, ((IPEndPoint)second.LocalEndpoint).Port);
    }

    public static void DeleteDataDirectory(string directory)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
    }
}

/// <summary>One host shared by a test collection; the store is deleted afterwards.</summary>
public abstract class HostFixture(bool seed) : IAsyncLifetime
{
    public HostFactory Factory { get; } = new(HostFactory.NewDataDirectory(), seed);

    public HttpClient Client { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Client = Factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        HostFactory.DeleteDataDirectory(Factory.DataDirectory);
    }
}

public sealed class EmptyHostFixture() : HostFixture(seed: false);

public sealed class SeededHostFixture() : HostFixture(seed: true);

[CollectionDefinition(Name)]
public sealed class EmptyHostCollection : ICollectionFixture<EmptyHostFixture>
{
    public const string Name = "empty host";
}

[CollectionDefinition(Name)]
public sealed class SeededHostCollection : ICollectionFixture<SeededHostFixture>
{
    public const string Name = "seeded host";
}
