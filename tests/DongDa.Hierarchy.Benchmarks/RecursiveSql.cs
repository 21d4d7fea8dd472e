using System.Data.Common;
using System.Diagnostics;
using DongDa.Hierarchy.Metrics;
using DongDa.Hierarchy.Records;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace DongDa.Hierarchy.Benchmarks;

/// <summary>The SQL answers the grains are compared with, each giving the same 34 figures per conducting level.</summary>
public enum SqlShape
{
    /// <summary>One recursive query evaluating every figure's expression over every record of the subtree.</summary>
    Full,

    /// <summary>One recursive query collecting the descendants, joined to the records and grouped by level and the few columns that decide a record's figures; the figures folded from the groups.</summary>
    Lean,

    /// <summary>As <see cref="Lean"/>, but the descendants read from a closure table (ancestor, descendant) kept beside the organizations, as SQL systems usually serve subtree sums.</summary>
    Closure,
}

/// <summary>
/// The alternative a user would reach for: organizations and records in tables, and one query per
/// rollup (<see cref="SqlShape"/>), summing the same figures split by conducting level.
/// </summary>
public abstract class RecursiveSql : IAsyncDisposable
{
    private static readonly string[] Columns =
        ["org_id", "day", "kind", "target", "violation", "disciplined", "thematic", "classes", "attendees", "members", "program", "recipient", "rlevel", "models", "economy", "culture", "security", "political"];

    protected abstract DbConnection Connection { get; }

    public abstract string Name { get; }

    protected const string Schema = """
        CREATE TABLE orgs (id TEXT PRIMARY KEY, parent_id TEXT NULL, level INTEGER NOT NULL);
        CREATE INDEX ix_orgs_parent ON orgs (parent_id);
        CREATE TABLE records (org_id TEXT NOT NULL, day INTEGER NOT NULL, kind INTEGER NOT NULL, target INTEGER NOT NULL,
          violation INTEGER NOT NULL, disciplined INTEGER NOT NULL, thematic INTEGER NOT NULL, classes INTEGER NOT NULL,
          attendees INTEGER NOT NULL, members INTEGER NOT NULL, program INTEGER NOT NULL, recipient INTEGER NOT NULL,
          rlevel INTEGER NOT NULL, models INTEGER NOT NULL, economy INTEGER NOT NULL, culture INTEGER NOT NULL,
          security INTEGER NOT NULL, political INTEGER NOT NULL);
        CREATE INDEX ix_records_org_day ON records (org_id, day);
        CREATE TABLE closure (ancestor TEXT NOT NULL, descendant TEXT NOT NULL, PRIMARY KEY (ancestor, descendant));
        """;

    /// <summary>The 34 figures of one conducting level, in the order of the metric set.</summary>
    private static readonly string[] Figures =
    [
        "SUM(CASE WHEN kind=0 AND target=0 THEN 1 ELSE 0 END)", "SUM(CASE WHEN kind=0 AND target=1 THEN 1 ELSE 0 END)",
        "SUM(CASE WHEN kind=0 AND violation=1 THEN 1 ELSE 0 END)", "SUM(CASE WHEN kind=0 AND disciplined=1 THEN 1 ELSE 0 END)",
        "SUM(CASE WHEN kind=1 AND target=0 THEN 1 ELSE 0 END)", "SUM(CASE WHEN kind=1 AND target=1 THEN 1 ELSE 0 END)",
        "SUM(CASE WHEN kind=1 AND thematic=1 THEN 1 ELSE 0 END)",
        "SUM(CASE WHEN kind=2 THEN classes ELSE 0 END)", "SUM(CASE WHEN kind=2 THEN attendees ELSE 0 END)",
        "COUNT(DISTINCT CASE WHEN kind=3 THEN r.org_id END)", "SUM(CASE WHEN kind=3 THEN members ELSE 0 END)",
        .. Levels("kind=4 AND program=0 AND recipient=0"), .. Levels("kind=4 AND program=0 AND recipient=1"),
        .. Levels("kind=4 AND program=1 AND recipient=0"), .. Levels("kind=4 AND program=1 AND recipient=1"),
        .. Levels("kind=5 AND recipient=0"), .. Levels("kind=5 AND recipient=1"),
        "SUM(CASE WHEN kind=5 THEN models ELSE 0 END)", "SUM(CASE WHEN kind=5 THEN economy ELSE 0 END)",
        "SUM(CASE WHEN kind=5 THEN culture ELSE 0 END)", "SUM(CASE WHEN kind=5 THEN security ELSE 0 END)",
        "SUM(CASE WHEN kind=5 THEN political ELSE 0 END)",
    ];

    private static IEnumerable<string> Levels(string condition) =>
        Enumerable.Range(0, 3).Select(level => $"SUM(CASE WHEN {condition} AND rlevel={level} THEN 1 ELSE 0 END)");

    private static readonly string Query = $"""
        WITH RECURSIVE sub(id, level) AS (
          SELECT id, level FROM orgs WHERE id = @root
          UNION ALL
          SELECT o.id, o.level FROM orgs o JOIN sub s ON o.parent_id = s.id)
        SELECT s.level, {string.Join(", ", Figures)}
        FROM sub s JOIN records r ON r.org_id = s.id
        WHERE r.day BETWEEN @from AND @to
        GROUP BY s.level
        """;

    /// <summary>The columns that decide which figures a record counts in, and the sums it adds.</summary>
    private const string Grouped = """
        r.kind, r.target, r.violation, r.disciplined, r.thematic, r.program, r.recipient, r.rlevel,
          CASE WHEN r.kind = 3 THEN r.org_id END AS registrant,
          COUNT(*), SUM(r.classes), SUM(r.attendees), SUM(r.members), SUM(r.models), SUM(r.economy), SUM(r.culture), SUM(r.security), SUM(r.political)
        """;

    private const string GroupBy = "GROUP BY 1, r.kind, r.target, r.violation, r.disciplined, r.thematic, r.program, r.recipient, r.rlevel, registrant";

    private static readonly string LeanQuery = $"""
        WITH RECURSIVE sub(id, level) AS (
          SELECT id, level FROM orgs WHERE id = @root
          UNION ALL
          SELECT o.id, o.level FROM orgs o JOIN sub s ON o.parent_id = s.id)
        SELECT s.level, {Grouped}
        FROM sub s JOIN records r ON r.org_id = s.id
        WHERE r.day BETWEEN @from AND @to
        {GroupBy}
        """;

    private static readonly string ClosureQuery = $"""
        SELECT o.level, {Grouped}
        FROM closure c JOIN orgs o ON o.id = c.descendant JOIN records r ON r.org_id = c.descendant
        WHERE c.ancestor = @root AND r.day BETWEEN @from AND @to
        {GroupBy}
        """;

    /// <summary>Every (ancestor, descendant) pair, each organization its own ancestor too.</summary>
    protected static IEnumerable<(string Ancestor, string Descendant)> ClosureOf(IReadOnlyList<GeneratedOrg> orgs)
    {
        var parents = orgs.ToDictionary(org => org.Id, org => org.ParentId);
        foreach (var org in orgs)
        {
            for (string? ancestor = org.Id; ancestor is not null; ancestor = parents[ancestor]) yield return (ancestor, org.Id);
        }
    }

    public static RecursiveSql Sqlite(string path) => new SqliteSide(path);

    public static RecursiveSql Postgres(string connectionString) => new PostgresSide(connectionString);

    public abstract Task Load(IReadOnlyList<GeneratedOrg> orgs, IEnumerable<OrgRecord> records);

    /// <summary>One query of <paramref name="shape"/>: the subtree's figures for the period, 34 per conducting level.</summary>
    public async Task<long[][]> Rollup(string rootId, Period period, SqlShape shape = SqlShape.Full)
    {
        await using var command = Connection.CreateCommand();
        command.CommandText = shape switch { SqlShape.Full => Query, SqlShape.Lean => LeanQuery, _ => ClosureQuery };
        command.CommandTimeout = 600;
        AddParameter(command, "root", rootId);
        AddParameter(command, "from", period.From?.DayNumber ?? 0);
        AddParameter(command, "to", period.To?.DayNumber ?? int.MaxValue);
        var answer = Enumerable.Range(0, 4).Select(_ => new long[34]).ToArray();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            long Value(int column) => reader.IsDBNull(column) ? 0 : Convert.ToInt64(reader.GetValue(column));
            var figures = answer[Convert.ToInt32(reader.GetValue(0))];
            if (shape == SqlShape.Full)
            {
                for (var figure = 0; figure < 34; figure++) figures[figure] = Value(figure + 1);
            }
            else
            {
                Fold(figures, [.. Enumerable.Range(1, 8).Select(column => (int)Value(column))], [.. Enumerable.Range(10, 9).Select(Value)]);
            }
        }

        return answer;
    }

    /// <summary>
    /// Adds one group of records to the figures, in the order of <see cref="Figures"/>: the group's
    /// deciding columns (kind, target, violation, disciplined, thematic, program, recipient, level)
    /// and its count and sums (count, classes, attendees, members, models, economy, culture,
    /// security, political). A registration group holds one organization's registrations.
    /// </summary>
    private static void Fold(long[] figures, int[] key, long[] sums)
    {
        var (kind, target, violation, disciplined, thematic, program, recipient, level) = (key[0], key[1], key[2], key[3], key[4], key[5], key[6], key[7]);
        var count = sums[0];
        switch (kind)
        {
            case 0:
                figures[target == 0 ? 0 : 1] += count;
                figures[2] += violation * count;
                figures[3] += disciplined * count;
                break;
            case 1:
                figures[target == 0 ? 4 : 5] += count;
                figures[6] += thematic * count;
                break;
            case 2:
                figures[7] += sums[1];
                figures[8] += sums[2];
                break;
            case 3:
                figures[9] += 1;
                figures[10] += sums[3];
                break;
            case 4:
                figures[11 + (program * 2 + recipient) * 3 + level] += count;
                break;
            default:
                figures[23 + recipient * 3 + level] += count;
                for (var i = 0; i < 5; i++) figures[29 + i] += sums[4 + i];
                break;
        }
    }

    public async Task<Latencies> Time(int times, string rootId, Func<int, Period> period, SqlShape shape = SqlShape.Full) =>
        await Latencies.Measure(times, async i => await Rollup(rootId, period(i), shape));

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    protected static long[] Row(OrgRecord record) => record switch
    {
        InspectionRecord i => [0, (int)i.Target, i.Violation ? 1 : 0, i.Discipline == Discipline.None ? 0 : 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
        SupervisionRecord s => [1, (int)s.Target, 0, 0, s.Mode == SupervisionMode.Thematic ? 1 : 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
        StudySessionRecord s => [2, 0, 0, 0, 0, s.Classes, s.Attendees, 0, 0, 0, 0, 0, 0, 0, 0, 0],
        StudyRegistrationRecord r => [3, 0, 0, 0, 0, 0, 0, r.Members, 0, 0, 0, 0, 0, 0, 0, 0],
        CommendationRecord c => [4, 0, 0, 0, 0, 0, 0, 0, (int)c.Program, (int)c.Recipient, (int)c.Level, 0, 0, 0, 0, 0],
        MassMobilizationRecord m => [5, 0, 0, 0, 0, 0, 0, 0, 0, (int)m.Registrant, (int)m.Level, m.Models.Count,
            m.Models.Count(x => x.Field == MobilizationField.Economy), m.Models.Count(x => x.Field == MobilizationField.CultureSociety),
            m.Models.Count(x => x.Field == MobilizationField.SecurityDefense), m.Models.Count(x => x.Field == MobilizationField.PoliticalSystem)],
        _ => throw new ArgumentOutOfRangeException(nameof(record)),
    };

    public abstract ValueTask DisposeAsync();

    private sealed class SqliteSide(string path) : RecursiveSql
    {
        private readonly SqliteConnection _connection = new($"Data Source={path};Pooling=False");

        protected override DbConnection Connection => _connection;

        public override string Name => "SQLite";

        public override async Task Load(IReadOnlyList<GeneratedOrg> orgs, IEnumerable<OrgRecord> records)
        {
            await _connection.OpenAsync();
            await using (var schema = _connection.CreateCommand())
            {
                schema.CommandText = "PRAGMA journal_mode=WAL; " + Schema;
                await schema.ExecuteNonQueryAsync();
            }

            await using var transaction = _connection.BeginTransaction();
            await using (var insertOrg = _connection.CreateCommand())
            {
                insertOrg.CommandText = "INSERT INTO orgs VALUES ($id, $parent, $level)";
                var id = insertOrg.Parameters.Add("$id", SqliteType.Text);
                var parent = insertOrg.Parameters.Add("$parent", SqliteType.Text);
                var level = insertOrg.Parameters.Add("$level", SqliteType.Integer);
                foreach (var org in orgs)
                {
                    (id.Value, parent.Value, level.Value) = (org.Id, (object?)org.ParentId ?? DBNull.Value, (int)org.Level);
                    await insertOrg.ExecuteNonQueryAsync();
                }
            }

            await using (var insertRecord = _connection.CreateCommand())
            {
                insertRecord.CommandText = $"INSERT INTO records VALUES ({string.Join(", ", Columns.Select(column => "$" + column))})";
                var parameters = Columns.Select(column => insertRecord.Parameters.Add("$" + column, SqliteType.Integer)).ToArray();
                parameters[0].SqliteType = SqliteType.Text;
                foreach (var record in records)
                {
                    var row = Row(record);
                    parameters[0].Value = record.OrgId;
                    parameters[1].Value = record.Date.DayNumber;
                    for (var i = 0; i < row.Length; i++) parameters[i + 2].Value = row[i];
                    await insertRecord.ExecuteNonQueryAsync();
                }
            }

            await using (var insertPair = _connection.CreateCommand())
            {
                insertPair.CommandText = "INSERT INTO closure VALUES ($ancestor, $descendant)";
                var ancestor = insertPair.Parameters.Add("$ancestor", SqliteType.Text);
                var descendant = insertPair.Parameters.Add("$descendant", SqliteType.Text);
                foreach (var pair in ClosureOf(orgs))
                {
                    (ancestor.Value, descendant.Value) = pair;
                    await insertPair.ExecuteNonQueryAsync();
                }
            }

            await transaction.CommitAsync();
            await using var analyze = _connection.CreateCommand();
            analyze.CommandText = "ANALYZE";
            await analyze.ExecuteNonQueryAsync();
        }

        public override async ValueTask DisposeAsync() => await _connection.DisposeAsync();
    }

    private sealed class PostgresSide(string connectionString) : RecursiveSql
    {
        private readonly NpgsqlConnection _connection = new(connectionString);

        protected override DbConnection Connection => _connection;

        public override string Name => "PostgreSQL";

        public override async Task Load(IReadOnlyList<GeneratedOrg> orgs, IEnumerable<OrgRecord> records)
        {
            await _connection.OpenAsync();
            await using (var schema = _connection.CreateCommand())
            {
                schema.CommandText = "DROP TABLE IF EXISTS records; DROP TABLE IF EXISTS orgs; DROP TABLE IF EXISTS closure; " + Schema;
                await schema.ExecuteNonQueryAsync();
            }

            await using (var import = await _connection.BeginBinaryImportAsync("COPY orgs (id, parent_id, level) FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var org in orgs)
                {
                    await import.StartRowAsync();
                    await import.WriteAsync(org.Id, NpgsqlDbType.Text);
                    if (org.ParentId is null) await import.WriteNullAsync(); else await import.WriteAsync(org.ParentId, NpgsqlDbType.Text);
                    await import.WriteAsync((int)org.Level, NpgsqlDbType.Integer);
                }

                await import.CompleteAsync();
            }

            await using (var import = await _connection.BeginBinaryImportAsync($"COPY records ({string.Join(", ", Columns)}) FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var record in records)
                {
                    await import.StartRowAsync();
                    await import.WriteAsync(record.OrgId, NpgsqlDbType.Text);
                    await import.WriteAsync(record.Date.DayNumber, NpgsqlDbType.Integer);
                    foreach (var value in Row(record)) await import.WriteAsync((int)value, NpgsqlDbType.Integer);
                }

                await import.CompleteAsync();
            }

            await using (var import = await _connection.BeginBinaryImportAsync("COPY closure (ancestor, descendant) FROM STDIN (FORMAT BINARY)"))
            {
                foreach (var (ancestor, descendant) in ClosureOf(orgs))
                {
                    await import.StartRowAsync();
                    await import.WriteAsync(ancestor, NpgsqlDbType.Text);
                    await import.WriteAsync(descendant, NpgsqlDbType.Text);
                }

                await import.CompleteAsync();
            }

            await using var analyze = _connection.CreateCommand();
            analyze.CommandText = "ANALYZE";
            await analyze.ExecuteNonQueryAsync();
        }

        public override async ValueTask DisposeAsync() => await _connection.DisposeAsync();
    }
}
