using DongDa.Hierarchy.Persistence;
using Npgsql;
using Orleans.Storage;

namespace DongDa.Hierarchy.TestSupport;

/// <summary>
/// A database of its own on the test PostgreSQL server, created for the fixture and dropped after
/// it. The server is the one <c>src/DongDa.Hierarchy.Host/scripts/postgres-start.sh</c> starts
/// (<c>.ci/run</c> starts it), or the one <c>DONGDA_TEST_POSTGRES</c> names; its role needs CREATEDB.
/// </summary>
public sealed class PostgreSqlTestStore : TestStore
{
    public const string ServerVariable = "DONGDA_TEST_POSTGRES";

    private const string ScriptServer = "Host=127.0.0.1;Port=55432;Username=dongda;Password=dongda;Database=dongda";

    private readonly string _server;

    private PostgreSqlTestStore(string server, string connectionString) => (_server, ConnectionString) = (server, connectionString);

    public string ConnectionString { get; }

    private string Database => new NpgsqlConnectionStringBuilder(ConnectionString).Database!;

    public static string ServerConnectionString => Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } configured ? configured : ScriptServer;

    public static Task<PostgreSqlTestStore> CreateAsync() => CreateAsync(ServerConnectionString);

    /// <summary>A database of its own on the server <paramref name="server"/> names (a connection string to any of its databases).</summary>
    public static async Task<PostgreSqlTestStore> CreateAsync(string server)
    {
        var database = "dongda_test_" + Guid.NewGuid().ToString("N");
        await using (var connection = await OpenServerAsync(server))
        await using (var command = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection))
        {
            await command.ExecuteNonQueryAsync();
        }

        return new PostgreSqlTestStore(server, new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString);
    }

    protected override IReadOnlyDictionary<string, string> StoreSettings => new Dictionary<string, string>
    {
        ["Hierarchy:Storage"] = "PostgreSql",
        ["Hierarchy:PostgreSql"] = ConnectionString,
        ["Hierarchy:DataDirectory"] = Directory,
    };

    public override void AddGrainStorage(ISiloBuilder silo, string name, Func<IGrainStorage, IGrainStorage>? wrap)
    {
        silo.AddPostgreSqlSchema(_ => ConnectionString);
        silo.AddPostgreSqlGrainStorage(name, _ => ConnectionString, wrap);
    }

    public override async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using (var connection = await OpenServerAsync(_server))
        {
            // FORCE ends the sessions still open, but one opening at that moment (a host's last
            // connection closing late) can make the drop fail; it passes on a retry.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Database}\" WITH (FORCE)", connection);
                    await command.ExecuteNonQueryAsync();
                    break;
                }
                catch (PostgresException) when (attempt < 20)
                {
                    await Task.Delay(250);
                }
            }
        }

        await base.DisposeAsync();
    }

    private static async Task<NpgsqlConnection> OpenServerAsync(string serverConnectionString)
    {
        var connection = new NpgsqlConnection(serverConnectionString);
        try
        {
            await connection.OpenAsync();
            return connection;
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            await connection.DisposeAsync();
            var server = new NpgsqlConnectionStringBuilder(serverConnectionString);
            throw new MissingPrerequisiteException(
                $"The PostgreSQL server at {server.Host}:{server.Port} ({exception.Message})",
                $"start one with src/DongDa.Hierarchy.Host/scripts/postgres-start.sh, or name one in {ServerVariable}");
        }
    }
}
