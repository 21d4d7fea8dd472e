using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Threading.Channels;

namespace DongDa.Hierarchy.Persistence;

/// <summary>How a database takes group commits.</summary>
/// <param name="Connect">A new, unopened connection.</param>
/// <param name="Writers">Transactions in flight at once: one for SQLite, which has a single writer.</param>
/// <param name="OnOpen">Statements run once on each connection when it opens.</param>
/// <param name="Name">The database's name in telemetry (<c>db.system.name</c>).</param>
internal sealed record GroupCommitDialect(Func<DbConnection> Connect, int Writers, string? OnOpen, string Name);

/// <summary>
/// Writes grain states the way the Orleans ADO.NET provider does (its own <c>WriteToStorageKey</c>
/// query from <c>OrleansQuery</c>, the same parameters), but many in one transaction: writes that
/// arrive while a transaction commits wait for the next one and share it, so concurrent writers
/// cost one synced commit per batch instead of one each. A write is answered only after its
/// transaction committed, at the database's own durability settings (SQLite: WAL with
/// <c>synchronous=FULL</c>, set on the connection; PostgreSQL: as the server is configured), so an
/// acknowledged write survives a crash exactly as before. A batch that fails fails every write in
/// it, and nothing of it is stored; each grain then undoes its change and reads again, as for any
/// failed write.
/// </summary>
internal sealed class GroupCommitWriter : IAsyncDisposable
{
    /// <summary>Writes per transaction at most: big enough to absorb any burst of 64 connections, small enough to commit in milliseconds.</summary>
    private const int MaxBatch = 256;

    private readonly GroupCommitDialect _dialect;
    private readonly string _serviceId;
    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>();
    private readonly List<Task> _writers = [];
    private volatile bool _started;

    public GroupCommitWriter(GroupCommitDialect dialect, string serviceId)
    {
        _dialect = dialect;
        _serviceId = serviceId;
    }

    /// <summary>Reads the write query the schema installed and starts the writers; once, before the first grain stores anything.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var connection = _dialect.Connect();
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT QueryText FROM OrleansQuery WHERE QueryKey = 'WriteToStorageKey'";
        var query = await command.ExecuteScalarAsync(cancellationToken) as string
            ?? throw new InvalidOperationException("The storage schema has no WriteToStorageKey query in OrleansQuery.");
        _started = true;
        for (var writer = 0; writer < _dialect.Writers; writer++) _writers.Add(Task.Run(() => WriteBatches(query), CancellationToken.None));
    }

    /// <summary>Stores <paramref name="payload"/> as the row of <paramref name="key"/> at the version after <paramref name="etag"/>; answers the stored version, or null when the row was not at <paramref name="etag"/>.</summary>
    public Task<string?> Write(StorageRowKey key, string? etag, byte[] payload)
    {
        if (!_started) throw new InvalidOperationException("Grain storage was written before the silo started it.");
        var pending = new PendingWrite(key, etag, payload);
        if (!_queue.Writer.TryWrite(pending)) throw new ObjectDisposedException(nameof(GroupCommitWriter), "Grain storage has stopped.");
        return pending.Done.Task;
    }

    private async Task WriteBatches(string query)
    {
        DbConnection? connection = null;
        var batch = new List<PendingWrite>(MaxBatch);
        try
        {
            while (await _queue.Reader.WaitToReadAsync())
            {
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next)) batch.Add(next);
                if (batch.Count == 0) continue;
                try
                {
                    connection ??= await Open();
                    var versions = await Commit(connection, batch, query);
                    StorageTelemetry.WritesPerCommit.Record(batch.Count, new KeyValuePair<string, object?>("db.system.name", _dialect.Name));
                    for (var index = 0; index < batch.Count; index++) batch[index].Done.TrySetResult(versions[index]);
                }
                catch (Exception exception)
                {
                    // The connection may be broken or mid-transaction; the next batch opens a new one.
                    if (connection is not null) await connection.DisposeAsync();
                    connection = null;
                    foreach (var write in batch) write.Done.TrySetException(exception);
                }

                batch.Clear();
            }
        }
        finally
        {
            if (connection is not null) await connection.DisposeAsync();
        }
    }

    private async Task<DbConnection> Open()
    {
        var connection = _dialect.Connect();
        await connection.OpenAsync();
        if (_dialect.OnOpen is { } setup)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = setup;
            await command.ExecuteNonQueryAsync();
        }

        return connection;
    }

    private async Task<string?[]> Commit(DbConnection connection, List<PendingWrite> batch, string query)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        var versions = connection.CanCreateBatch
            ? await InOneRoundTrip(connection, transaction, batch, query)
            : await OneByOne(connection, transaction, batch, query);
        await transaction.CommitAsync();
        return versions;
    }

    /// <summary>Where the driver batches (Npgsql): every write's statement sent at once, each answering one result set.</summary>
    private async Task<string?[]> InOneRoundTrip(DbConnection connection, DbTransaction transaction, List<PendingWrite> batch, string query)
    {
        await using var statements = connection.CreateBatch();
        statements.Transaction = transaction;
        foreach (var write in batch)
        {
            var statement = statements.CreateBatchCommand();
            statement.CommandText = query;
            new Parameters(statement.CreateParameter, statement.Parameters, _serviceId).Set(write);
            statements.BatchCommands.Add(statement);
        }

        var versions = new string?[batch.Count];
        await using var reader = await statements.ExecuteReaderAsync();
        for (var index = 0; index < batch.Count; index++)
        {
            versions[index] = await VersionIn(reader);
            if (!await reader.NextResultAsync() && index < batch.Count - 1)
            {
                throw new InvalidOperationException($"The write query answered {index + 1} result sets for {batch.Count} writes.");
            }
        }

        return versions;
    }

    /// <summary>Where it does not (SQLite, in process, where a statement costs no round trip): one command, its parameters set per write.</summary>
    private async Task<string?[]> OneByOne(DbConnection connection, DbTransaction transaction, List<PendingWrite> batch, string query)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = query;
        var parameters = new Parameters(command.CreateParameter, command.Parameters, _serviceId);
        var versions = new string?[batch.Count];
        for (var index = 0; index < batch.Count; index++)
        {
            parameters.Set(batch[index]);
            await using var reader = await command.ExecuteReaderAsync();
            do
            {
                versions[index] = await VersionIn(reader) ?? versions[index];
            }
            while (await reader.NextResultAsync());
        }

        return versions;
    }

    /// <summary>The version in the current result set, if it has a row, as the provider reads it.</summary>
    private static async Task<string?> VersionIn(DbDataReader reader)
    {
        string? version = null;
        while (await reader.ReadAsync())
        {
            var ordinal = reader.GetOrdinal("NewGrainStateVersion");
            if (!await reader.IsDBNullAsync(ordinal)) version = Convert.ToInt32(reader.GetValue(ordinal), CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
        }

        return version;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_writers);
    }

    private sealed record PendingWrite(StorageRowKey Key, string? Etag, byte[] Payload)
    {
        public TaskCompletionSource<string?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>The query's parameters, typed so that a null binds as its column's type.</summary>
    private sealed class Parameters
    {
        private readonly DbParameter _idHash, _n0, _n1, _typeHash, _type, _extension, _version, _payload;

        public Parameters(Func<DbParameter> create, DbParameterCollection collection, string serviceId)
        {
            DbParameter Add(string name, DbType type)
            {
                var parameter = create();
                parameter.ParameterName = name;
                parameter.DbType = type;
                collection.Add(parameter);
                return parameter;
            }

            _idHash = Add("GrainIdHash", DbType.Int32);
            _n0 = Add("GrainIdN0", DbType.Int64);
            _n1 = Add("GrainIdN1", DbType.Int64);
            _typeHash = Add("GrainTypeHash", DbType.Int32);
            _type = Add("GrainTypeString", DbType.String);
            _extension = Add("GrainIdExtensionString", DbType.String);
            Add("ServiceId", DbType.String).Value = serviceId;
            _version = Add("GrainStateVersion", DbType.Int32);
            _payload = Add("PayloadBinary", DbType.Binary);
        }

        public void Set(PendingWrite write)
        {
            _idHash.Value = write.Key.GrainIdHash;
            _n0.Value = write.Key.N0;
            _n1.Value = write.Key.N1;
            _typeHash.Value = write.Key.GrainTypeHash;
            _type.Value = write.Key.GrainType;
            _extension.Value = (object?)write.Key.Extension ?? DBNull.Value;
            _version.Value = string.IsNullOrWhiteSpace(write.Etag) ? DBNull.Value : int.Parse(write.Etag, CultureInfo.InvariantCulture);
            _payload.Value = write.Payload;
        }
    }
}
