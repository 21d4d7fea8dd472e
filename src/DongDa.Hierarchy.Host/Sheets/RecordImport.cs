using System.Collections.Concurrent;
using System.Text.Json;
using DongDa.Hierarchy.Host.Api;
using DongDa.Hierarchy.Organizations;
using DongDa.Hierarchy.Records;
using DongDa.Hierarchy.Spreadsheets;

namespace DongDa.Hierarchy.Host.Sheets;

/// <summary>A row the import refuses: its number as the spreadsheet shows it, and each field's problems.</summary>
public sealed record BadRow(int Row, IDictionary<string, string[]> Errors);

/// <summary>The rows an import refuses: all counted, the first <see cref="ImportOutcome.ListedBadRows"/> kept to be listed.</summary>
public sealed class BadRowList
{
    private readonly List<BadRow> _listed = [];

    public int Count { get; private set; }

    public IReadOnlyList<BadRow> Listed => [.. _listed.OrderBy(bad => bad.Row)];

    public void Add(int row, string field, string message)
    {
        var errors = new ValidationErrors();
        errors.Add(field, message);
        Add(row, errors);
    }

    public void Add(int row, ValidationErrors errors)
    {
        Count++;
        if (_listed.Count < ImportOutcome.ListedBadRows) _listed.Add(new BadRow(row, errors.ToDictionary()));
    }
}

/// <summary>
/// What an import did: every row stored or found already stored; or why not one row was; or, when
/// another write took record ids between the check and the store (<see cref="Raced"/>), which rows
/// that refused while the others were stored.
/// </summary>
public sealed record ImportOutcome(int Rows, int Stored, int Unchanged, IReadOnlyList<BadRow> BadRows, int BadRowCount, IDictionary<string, string[]>? FileErrors, bool Raced = false)
{
    /// <summary>Bad rows listed in an answer; <see cref="BadRowCount"/> says how many there are in all.</summary>
    public const int ListedBadRows = 100;

    public bool Refused => FileErrors is not null || BadRowCount > 0;
}

/// <summary>
/// A kind's import, all or nothing: every row is read as a POST's body and checked by its rules,
/// its organization must lie in the subtree imported into, a record id may appear once, and one
/// already holding another record is refused; only when no row is refused are the rows stored,
/// each organization's in batches, with the same idempotence as a POST (a record id holding the
/// same record is unchanged). A crash part-way leaves each row stored once or not at all, and the
/// same file sent again stores the rest.
/// </summary>
public sealed class RecordImport<TRecord>(string rootId, IGrainFactory grains, WriteGrant grant) where TRecord : OrgRecord
{
    private const int Batch = 1000;
    private static readonly ParallelOptions FanOut = new() { MaxDegreeOfParallelism = 8 };

    private readonly BadRowList _bad = new();
    private int _rowCount;

    private List<(int Row, string OrgId, TRecord Record)> _checked = [];

    public async Task<ImportOutcome> Run(SheetTable table, CancellationToken cancellationToken) =>
        await Check(table, cancellationToken) ?? await Store(cancellationToken);

    /// <summary>Reads and checks every row, storing nothing; the refusal, or null when <see cref="Store"/> may follow.</summary>
    public async Task<ImportOutcome?> Check(SheetTable table, CancellationToken cancellationToken)
    {
        var columns = RecordSheet.Columns(typeof(TRecord));
        var headerErrors = new ValidationErrors();
        var positions = RecordSheet.Map(table.Headers, columns, headerErrors);
        if (headerErrors.Any) return new ImportOutcome(0, 0, 0, [], 0, headerErrors.ToDictionary());

        var rows = Read(table.Rows, positions, columns);
        var outside = await CheckOrganizations(rows, cancellationToken);
        await CheckConflicts([.. rows.Where(row => !outside.Contains(row.OrgId))], cancellationToken);
        if (_bad.Count > 0) return new ImportOutcome(_rowCount, 0, 0, _bad.Listed, _bad.Count, null);
        _checked = rows;
        return null;
    }

    /// <summary>
    /// Stores the rows <see cref="Check"/> passed. A write made meanwhile may have taken a record id
    /// with another record; that row is refused as at the check, and the others are stored, as each
    /// stands alone.
    /// </summary>
    public async Task<ImportOutcome> Store(CancellationToken cancellationToken)
    {
        var (stored, unchanged) = (0, 0);
        var taken = new ConcurrentBag<int>();
        var batches = _checked.GroupBy(row => row.OrgId).SelectMany(group => group.Chunk(Batch).Select(chunk => (OrgId: group.Key, Rows: chunk)));
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = FanOut.MaxDegreeOfParallelism, CancellationToken = cancellationToken }, async (batch, _) =>
        {
            var statuses = await grains.GetGrain<IOrganizationGrain>(batch.OrgId).AddRecords([.. batch.Rows.Select(row => (OrgRecord)row.Record)], grant);
            Interlocked.Add(ref stored, statuses.Count(status => status == RecordWriteStatus.Created));
            Interlocked.Add(ref unchanged, statuses.Count(status => status == RecordWriteStatus.Replayed));
            for (var i = 0; i < statuses.Count; i++)
            {
                if (statuses[i] is not (RecordWriteStatus.Created or RecordWriteStatus.Replayed)) taken.Add(batch.Rows[i].Row);
            }
        });
        foreach (var row in taken) _bad.Add(row, "recordId", TakenMessage);
        return new ImportOutcome(_checked.Count, stored, unchanged, _bad.Listed, _bad.Count, null, Raced: _bad.Count > 0);
    }

    private List<(int Row, string OrgId, TRecord Record)> Read(IEnumerable<SheetRow> sheetRows, int[] positions, IReadOnlyList<SheetField> columns)
    {
        var rows = new List<(int, string, TRecord)>();
        var seen = new Dictionary<(string, string), int>();
        foreach (var row in sheetRows)
        {
            _rowCount++;
            var errors = new ValidationErrors();
            var (orgId, body) = RecordSheet.Read(row, positions, columns, errors);
            if (orgId is not null && !Validation.InputRules.IsOrgId(orgId)) errors.Add("orgId", Validation.InputRules.OrgIdMessage);
            var record = errors.Any ? null : JsonBody<TRecord>.Check(JsonSerializer.SerializeToElement(body), errors);
            if (record is not null && seen.TryGetValue((orgId!, record.RecordId), out var first))
            {
                errors.Add("recordId", $"Repeats the record id of row {first} for the same organization.");
            }

            if (errors.Any || record is null)
            {
                _bad.Add(row.Number, errors);
                continue;
            }

            seen[(orgId!, record.RecordId)] = row.Number;
            rows.Add((row.Number, orgId!, (TRecord)(record with { OrgId = orgId! })));
        }

        return rows;
    }

    /// <summary>Every row's organization must lie in the subtree imported into, which the caller may write in; the organizations that do not.</summary>
    private async Task<IReadOnlySet<string>> CheckOrganizations(List<(int Row, string OrgId, TRecord Record)> rows, CancellationToken cancellationToken)
    {
        var outside = new ConcurrentDictionary<string, string>();
        await Parallel.ForEachAsync(rows.Select(row => row.OrgId).Distinct(), new ParallelOptions { MaxDegreeOfParallelism = FanOut.MaxDegreeOfParallelism, CancellationToken = cancellationToken }, async (orgId, _) =>
        {
            var path = await grains.GetGrain<IOrganizationGrain>(orgId).GetPath();
            if (path is null) outside[orgId] = $"No organization '{orgId}' exists.";
            else if (!path.Contains(rootId)) outside[orgId] = $"'{orgId}' is not in the subtree of '{rootId}' imported into.";
        });
        foreach (var (row, orgId, _) in rows)
        {
            if (outside.TryGetValue(orgId, out var why)) _bad.Add(row, "orgId", why);
        }

        return outside.Keys.ToHashSet();
    }

    private const string TakenMessage = "This record id already holds a different record at this organization (or a withdrawn one).";

    /// <summary>A record id that holds another record at its organization is refused, as a POST would answer 409.</summary>
    private async Task CheckConflicts(List<(int Row, string OrgId, TRecord Record)> rows, CancellationToken cancellationToken)
    {
        var conflicts = new ConcurrentBag<int>();
        await Parallel.ForEachAsync(rows.GroupBy(row => row.OrgId), new ParallelOptions { MaxDegreeOfParallelism = FanOut.MaxDegreeOfParallelism, CancellationToken = cancellationToken }, async (group, _) =>
        {
            var list = group.ToList();
            var statuses = await grains.GetGrain<IOrganizationGrain>(group.Key).CheckRecords([.. list.Select(row => row.Record)]);
            for (var i = 0; i < list.Count; i++)
            {
                if (statuses[i] == RecordWriteStatus.Conflict) conflicts.Add(list[i].Row);
            }
        });
        foreach (var row in conflicts) _bad.Add(row, "recordId", TakenMessage);
    }
}
