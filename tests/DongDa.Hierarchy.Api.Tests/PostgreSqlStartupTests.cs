using DongDa.Hierarchy.Persistence;
using DongDa.Hierarchy.TestSupport;
using Npgsql;

namespace DongDa.Hierarchy.Api.Tests;

/// <summary>The host on PostgreSQL creates its schema safely and refuses to start, saying why, on a database it cannot use.</summary>
public sealed class PostgreSqlStartupTests
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

    [Fact]
    public async Task Wrong_credentials_stop_the_host_with_a_message_that_says_so()
    {
        await using var store = await PostgreSqlTestStore.CreateAsync();
        var wrongPassword = new NpgsqlConnectionStringBuilder(store.ConnectionString) { Password = "not-the-password" }.ConnectionString;

        var refusal = await StartExpectingRefusal(store, wrongPassword);

        Assert.Contains("refused the credentials", refusal.Message);
        Assert.DoesNotContain("not-the-password", refusal.Message);
    }

    [Fact]
    public async Task An_unreachable_server_stops_the_host_with_a_message_that_names_it()
    {
        await using var store = await PostgreSqlTestStore.CreateAsync();
        var nowhere = new NpgsqlConnectionStringBuilder(store.ConnectionString) { Port = 1, Timeout = 3 }.ConnectionString;

        var refusal = await StartExpectingRefusal(store, nowhere);

        Assert.Contains("could not be reached", refusal.Message);
        Assert.Contains("127.0.0.1:1", refusal.Message);
    }

    private static async Task<PostgreSqlUnavailableException> StartExpectingRefusal(TestStore store, string connectionString)
    {
        await using var factory = new HostFactory(store, seed: false, new Dictionary<string, string> { ["Hierarchy:PostgreSql"] = connectionString });
        var failure = Record.Exception(() => factory.CreateClient());
        Assert.NotNull(failure);
        for (var exception = failure; exception is not null; exception = exception.InnerException)
        {
            if (exception is PostgreSqlUnavailableException refusal) return refusal;
        }

        throw new Xunit.Sdk.XunitException($"The host failed to start for another reason: {failure}");
    }
}
