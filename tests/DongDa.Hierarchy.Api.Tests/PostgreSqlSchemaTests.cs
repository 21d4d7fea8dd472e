using DongDa.Hierarchy.Persistence;
using DongDa.Hierarchy.TestSupport;
using Npgsql;

namespace DongDa.Hierarchy.Api.Tests;

/// <summary>Silos starting together on one database create its schema safely.</summary>
public sealed class PostgreSqlSchemaTests
{
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
