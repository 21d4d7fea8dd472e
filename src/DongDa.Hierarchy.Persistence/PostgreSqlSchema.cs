using Npgsql;

namespace DongDa.Hierarchy.Persistence;

/// <summary>
/// Creates or upgrades the PostgreSQL schema of the Orleans ADO.NET grain storage and clustering
/// providers. Silos starting together each apply it, one after another: the script runs in one
/// transaction that first takes a transaction-scoped advisory lock, so no silo sees a half-made
/// schema and no two race on <c>CREATE TABLE IF NOT EXISTS</c>.
/// </summary>
public static class PostgreSqlSchema
{
    private const string ScriptResource = "postgresql-hierarchy.sql";

    /// <summary>An arbitrary constant naming this schema's lock among the database's advisory locks.</summary>
    private const long SchemaLockKey = 0x446F6E6744614869;

    /// <summary>Applies the schema, or throws <see cref="PostgreSqlUnavailableException"/> naming what could not be reached.</summary>
    public static async Task ApplyAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException or ArgumentException)
        {
            throw PostgreSqlUnavailableException.From(connectionString, exception);
        }

        var script = await ReadScriptAsync(cancellationToken);
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
            {
                command.Parameters.AddWithValue("key", SchemaLockKey);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            await using (var command = new NpgsqlCommand(script, connection, transaction))
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            throw PostgreSqlUnavailableException.FromSchema(connectionString, exception);
        }
    }

    private static async Task<string> ReadScriptAsync(CancellationToken cancellationToken)
    {
        await using var stream = typeof(PostgreSqlSchema).Assembly.GetManifestResourceStream(ScriptResource)
            ?? throw new InvalidOperationException($"The embedded script {ScriptResource} is missing.");
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(cancellationToken);
    }
}
