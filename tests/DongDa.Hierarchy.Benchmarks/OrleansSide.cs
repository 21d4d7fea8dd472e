using DongDa.Hierarchy.Grains;
using DongDa.Hierarchy.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DongDa.Hierarchy.Benchmarks;

/// <summary>A real silo on a SQLite file, as the host runs it, with a counter of organization grain calls.</summary>
public sealed class OrleansSide : IAsyncDisposable
{
    private readonly IHost _host;

    private OrleansSide(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public CallCounter Calls { get; } = new();

    public IOrganizationGrain Org(string id) => Grains.GetGrain<IOrganizationGrain>(id);

    public static async Task<OrleansSide> Start(string databasePath)
    {
        var connectionString = $"Data Source={databasePath};Pooling=True;Default Timeout=10";
        OrleansSide? side = null;
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloPort: 21111, gatewayPort: 31000, serviceId: "bench", clusterId: "bench");
            silo.AddSqliteGrainStorage(StorageNames.Hierarchy, _ => connectionString);
            silo.AddHierarchyGrains();
            silo.AddIncomingGrainCallFilter(context => side!.Calls.Invoke(context));
        });
        var host = builder.Build();
        side = new OrleansSide(host);
        await host.StartAsync();
        return side;
    }

    /// <summary>How many organizations have a stored sum of their children in the store at <paramref name="databasePath"/>, and the largest row's size in bytes.</summary>
    /// <remarks>A row marked out of date holds a few bytes; the smallest sum, a ward's, some kilobytes.</remarks>
    public static (long Count, long LargestBytes) StoredSums(string databasePath)
    {
        const string Sums = "FROM OrleansStorage WHERE GrainTypeString = 'subtree' AND length(PayloadBinary) > 64";
        return ((long)Scalar(databasePath, $"SELECT COUNT(*) {Sums}")!, (long)Scalar(databasePath, $"SELECT COALESCE(MAX(length(PayloadBinary)), 0) {Sums}")!);
    }

    /// <summary>Deletes every stored sum, leaving the store as a build before them wrote it.</summary>
    public static void DeleteStoredSums(string databasePath) => Scalar(databasePath, "DELETE FROM OrleansStorage WHERE GrainTypeString = 'subtree'");

    private static object? Scalar(string databasePath, string sql)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={databasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}

/// <summary>Counts calls to organization grains, in either role, while counting is on.</summary>
public sealed class CallCounter
{
    private long _count;

    public bool Counting { get; set; }

    public long Count => Interlocked.Read(ref _count);

    public void Reset() => Interlocked.Exchange(ref _count, 0);

    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (Counting && context.InterfaceMethod?.DeclaringType is { } role && (role == typeof(IOrganizationGrain) || role == typeof(IOrganizationMember)))
        {
            Interlocked.Increment(ref _count);
        }

        return context.Invoke();
    }
}
