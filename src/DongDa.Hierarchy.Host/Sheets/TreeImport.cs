using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DongDa.Hierarchy.Host.Api;
using DongDa.Hierarchy.Organizations;
using DongDa.Hierarchy.Spreadsheets;

namespace DongDa.Hierarchy.Host.Sheets;

/// <summary>What a tree import did: rows read, organizations created, updated, and found as the file says already.</summary>
public sealed record TreeImportAnswer(int Rows, int Created, int Updated, int Unchanged);

/// <summary>A row the grains refused while the import wrote (the tree changed under it since the check); the rows before it are written.</summary>
public sealed record TreeImportStopped(int Row, string Field, string Reason, int Written);

/// <summary>
/// Organizations brought in from a spreadsheet under the one imported into, all or nothing as far
/// as can be checked before writing: every row is read as a PUT's body and checked by its rules;
/// its organization, when it exists, lies in the subtree; its parent is a row of the file or an
/// organization of the subtree, at a level that may hold it, and no row lies below itself. Then
/// the rows are written parents first, each with the grant a PUT of it would have.
/// </summary>
public sealed class TreeImport(string rootId, IGrainFactory grains, string actor)
{
    public static readonly IReadOnlyList<SheetField> Columns =
    [
        new("id", "Mã tổ chức", "Mã riêng: chữ thường không dấu, số và gạch nối.", Text("id", required: true)),
        new("name", "Tên tổ chức", "Tên đầy đủ.", Text("name", required: true)),
        new("level", "Cấp", "Cấp quận, Cấp cơ sở, Đảng bộ bộ phận hoặc Chi bộ.", Text("level", required: true)),
        new("kind", "Loại hình", "Ví dụ: ward, residential, workplace, school.", Text("kind", required: true)),
        new("parentId", "Mã tổ chức cấp trên", "Mã của tổ chức cấp trên: một dòng của tệp, hoặc một tổ chức đã có.", Text("parentId", required: false)),
        new("memberCount", "Số đảng viên", "Số nguyên, không âm.", Text("memberCount", required: true)),
    ];

    private static readonly Dictionary<string, string> Levels = new()
    {
        ["cap quan"] = "district", ["dang bo quan"] = "district", ["cap co so"] = "grassroots", ["to chuc co so dang"] = "grassroots",
        ["dang bo bo phan"] = "partial", ["chi bo"] = "cell",
    };

    private readonly BadRowList _bad = new();

    public async Task<(TreeImportAnswer? Answer, ImportOutcome? Refusal, TreeImportStopped? Stopped)> Run(SheetTable table)
    {
        var errors = new ValidationErrors();
        var positions = RecordSheet.Map(table.Headers, Columns, errors);
        if (errors.Any) return (null, new ImportOutcome(0, 0, 0, [], 0, errors.ToDictionary()), null);

        var rows = new Dictionary<string, (int Row, OrgDetails Details)>(StringComparer.Ordinal);
        var count = 0;
        foreach (var row in table.Rows)
        {
            count++;
            var rowErrors = new ValidationErrors();
            var body = new JsonObject();
            for (var index = 0; index < Columns.Count; index++)
            {
                if (positions[index] < 0 || positions[index] >= row.Cells.Count || row.Cells[positions[index]] is not { } text) continue;
                body[Columns[index].Name] = Value(Columns[index].Name, text);
            }

            var org = JsonBody<Api.Requests.OrganizationBody>.Check(JsonSerializer.SerializeToElement(body), rowErrors);
            if (org is { Id: null }) rowErrors.Add("id", "This field is required.");
            else if (org is { Id: { } id } && rows.TryGetValue(id, out var first)) rowErrors.Add("id", $"Repeats the id of row {first.Row}.");
            if (rowErrors.Any || org?.Id is null) _bad.Add(row.Number, rowErrors);
            else rows[org.Id] = (row.Number, org.Alone());
        }

        var existing = await Existing(rows.Keys.Concat(rows.Values.Select(row => row.Details.ParentId).OfType<string>()).Distinct());
        foreach (var (id, (row, details)) in rows) Check(id, row, details, rows, existing);
        if (_bad.Count > 0) return (null, new ImportOutcome(count, 0, 0, _bad.Listed, _bad.Count, null), null);

        var (created, updated, unchanged) = (0, 0, 0);
        foreach (var id in ParentsFirst(rows))
        {
            var details = rows[id].Details;
            var exists = existing.TryGetValue(id, out var current);
            if (exists && current.Snapshot.Details == details)
            {
                unchanged++;
                continue;
            }

            var grant = exists ? WriteGrant.ForExisting(actor, current.Snapshot.Details.ParentId) : WriteGrant.ForNew(actor);
            var outcome = await grains.GetGrain<IOrganizationGrain>(id).Upsert(details, grant);
            if (outcome.Status == UpsertStatus.Created) created++;
            else if (outcome.Status == UpsertStatus.Updated) updated++;
            else return (null, null, new TreeImportStopped(rows[id].Row, outcome.Field ?? "id", outcome.Reason ?? "Refused.", created + updated));
        }

        return (new TreeImportAnswer(count, created, updated, unchanged), null, null);
    }

    /// <summary>A column read as text and checked by the PUT body's rules; only whether it is required matters to the column map.</summary>
    private static RecordField Text(string name, bool required) => new(name, "text", name, name, required, null, null);

    private static JsonNode? Value(string name, string text) => name switch
    {
        "memberCount" when int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) => JsonValue.Create(count),
        "level" => JsonValue.Create(Levels.GetValueOrDefault(OrgNameSearch.Fold(text)) ?? text),
        _ => JsonValue.Create(text),
    };

    private async Task<Dictionary<string, (OrgSnapshot Snapshot, IReadOnlyList<string> Path)>> Existing(IEnumerable<string> ids)
    {
        var found = new System.Collections.Concurrent.ConcurrentDictionary<string, (OrgSnapshot, IReadOnlyList<string>)>();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, _) =>
        {
            var grain = grains.GetGrain<IOrganizationGrain>(id);
            if (await grain.GetSnapshot() is { } snapshot && await grain.GetPath() is { } path) found[id] = (snapshot, path);
        });
        return new Dictionary<string, (OrgSnapshot, IReadOnlyList<string>)>(found);
    }

    private void Check(string id, int row, OrgDetails details, Dictionary<string, (int Row, OrgDetails Details)> rows,
        Dictionary<string, (OrgSnapshot Snapshot, IReadOnlyList<string> Path)> existing)
    {
        if (existing.TryGetValue(id, out var current) && !current.Path.Contains(rootId))
        {
            _bad.Add(row, "id", $"'{id}' exists outside the subtree of '{rootId}' imported into.");
            return;
        }

        if (id == rootId)
        {
            if (current.Snapshot is null || details.ParentId != current.Snapshot.Details.ParentId) _bad.Add(row, "parentId", $"'{rootId}', imported into, keeps its parent.");
            return;
        }

        if (details.ParentId is not { } parentId) return;
        // An organization outside the subtree is no parent here, whatever a row of the file says of it.
        var outside = existing.TryGetValue(parentId, out var parent) && !parent.Path.Contains(rootId);
        OrgLevel? parentLevel = outside ? null
            : rows.TryGetValue(parentId, out var parentRow) ? parentRow.Details.Level
            : parent.Snapshot?.Details.Level;
        if (parentLevel is not { } level) _bad.Add(row, "parentId", $"'{parentId}' is neither a row of the file nor an organization of the subtree of '{rootId}'.");
        else if (!OrgLevelRules.MayContain(level, details.Level)) _bad.Add(row, "level", $"'{parentId}' at level '{OrgLevelRules.Named(level)}' cannot contain an organization at level '{OrgLevelRules.Named(details.Level)}'.");
        else if (Below(id, parentId, rows)) _bad.Add(row, "parentId", $"'{parentId}' lies below '{id}' in the file; the tree would make a cycle.");
    }

    /// <summary>Whether <paramref name="candidate"/> lies below <paramref name="id"/> by the parents the file names.</summary>
    private static bool Below(string id, string candidate, Dictionary<string, (int Row, OrgDetails Details)> rows)
    {
        for (var (next, steps) = (candidate, 0); steps <= rows.Count && rows.TryGetValue(next, out var row); steps++)
        {
            if (next == id) return true;
            if (row.Details.ParentId is not { } parent) return false;
            next = parent;
        }

        return false;
    }

    /// <summary>The rows with each parent of the file before its children.</summary>
    private static IEnumerable<string> ParentsFirst(Dictionary<string, (int Row, OrgDetails Details)> rows)
    {
        int Depth(string id)
        {
            var depth = 0;
            for (var next = rows[id].Details.ParentId; next is not null && rows.TryGetValue(next, out var row); next = row.Details.ParentId) depth++;
            return depth;
        }

        return rows.Keys.OrderBy(Depth).ThenBy(id => rows[id].Row);
    }
}
