using DongDa.Hierarchy.Persistence;
using DongDa.Hierarchy.TestSupport;
using Npgsql;

namespace DongDa.Hierarchy.Api.Tests;

/// <summary>The host on PostgreSQL keeps its state there, and silos starting together create its schema safely.</summary>
public sealed class PostgreSqlStorageTests
{
    [Fact]
    public async Task A_host_set_to_PostgreSql_stores_grain_state_in_the_database_and_no_SQLite_file()
    {
        await using var store = await PostgreSqlTestStore.CreateAsync();
        await using (var host = new HostFactory(store, seed: false))
        {
            var (status, _) = await host.CreateClient().Put("/api/v1/orgs/pg-d", Builders.Org("Quận", "district", null));
            Assert.Equal(System.Net.HttpStatusCode.Created, status);
        }

        await using var connection = new NpgsqlConnection(store.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM OrleansStorage", connection);
        Assert.True((long)(await command.ExecuteScalarAsync())! >= 1);
        Assert.Empty(Directory.Exists(store.Directory) ? Directory.GetFiles(store.Directory, "*.db", SearchOption.AllDirectories) : []);
    }

    [Fact]
    public async Task Silos_applying_the_schema_at_the_same_moment_all_succeed_and_leave_one_schema()
    {
        await using var store = await PostgreSqlTestStore.CreateAsync();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => PostgreSqlSchema.ApplyAsync(store.ConnectionString))));

        await using var connection = new NpgsqlConnection(store.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM OrleansQuery", connection);
        Assert.Equal(13L, await command.ExecuteScalarAsync());
    }
}
