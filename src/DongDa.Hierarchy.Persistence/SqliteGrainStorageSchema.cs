using Microsoft.Data.Sqlite;

namespace DongDa.Hierarchy.Persistence;

/// <summary>
/// Creates or upgrades the SQLite schema the Orleans ADO.NET provider needs. No Orleans package
/// ships these scripts, so the project carries its own and applies them before storage starts.
/// </summary>
public static class SqliteGrainStorageSchema
{
    private const string ScriptResource = "sqlite-grain-storage.sql";

    public static async Task ApplyAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        EnsureDirectoryFor(connectionString);
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);

        // WAL lets readers proceed while a writer commits; the mode is stored in the file itself.
        await ExecuteAsync(connection, "PRAGMA journal_mode=WAL;", cancellationToken);

        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = await ReadScriptAsync(cancellationToken);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static void EnsureDirectoryFor(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var directory = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<string> ReadScriptAsync(CancellationToken cancellationToken)
    {
        await using var stream = typeof(SqliteGrainStorageSchema).Assembly.GetManifestResourceStream(ScriptResource)
            ?? throw new InvalidOperationException($"The embedded script {ScriptResource} is missing.");
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(cancellationToken);
    }
}
