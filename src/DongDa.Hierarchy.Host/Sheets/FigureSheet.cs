using System.Text.Json;
using System.Text.Json.Nodes;
using DongDa.Hierarchy.Metrics;
using DongDa.Hierarchy.Organizations;
using DongDa.Hierarchy.Rollup;
using DongDa.Hierarchy.Spreadsheets;

namespace DongDa.Hierarchy.Host.Sheets;

/// <summary>
/// One row per organization of a subtree with its subtree's figures for a period: every slot of
/// the figure table (a figure split by recognition level is a slot per level), in all and by the
/// level that conducted the work. Headers come from the table's labels; the CSV's from its JSON paths.
/// </summary>
public static class FigureSheet
{
    private static readonly (string Key, string Vietnamese)[] Conductors =
        [("total", ""), ("district", " – do cấp quận thực hiện"), ("grassroots", " – do cấp cơ sở thực hiện"), ("partial", " – do đảng bộ bộ phận thực hiện"), ("cell", " – do chi bộ thực hiện")];

    private static readonly Dictionary<string, string> Recognition = new() { ["city"] = "cấp thành phố", ["district"] = "cấp quận", ["grassroots"] = "cấp cơ sở" };

    private static readonly SheetColumn[] OrgColumns =
    [
        new("Mã tổ chức", ColumnKind.Text, 28), new("Tên tổ chức", ColumnKind.Text, 45), new("Cấp", ColumnKind.Text, 12),
        new("Loại hình", ColumnKind.Text, 14), new("Mã tổ chức cấp trên", ColumnKind.Text, 28), new("Độ sâu", ColumnKind.Integer, 8),
    ];

    private static readonly string[] OrgNames = ["id", "name", "level", "kind", "parentId", "depth"];

    /// <summary>A sheet per figure group, each with the organization's columns first.</summary>
    public static IReadOnlyList<Sheet> Sheets(IReadOnlyList<(OrgSnapshot Org, int Depth, SubtreeRollup Rollup)> rows) =>
    [
        .. FigureTable.Groups.Select(group =>
        {
            var slots = Slots(group).ToList();
            return new Sheet(
                group.Vietnamese,
                [.. OrgColumns, .. slots.SelectMany(slot => Conductors.Select(conductor => new SheetColumn(Header(slot) + conductor.Vietnamese, ColumnKind.Integer, 14)))],
                rows.Select(row => Row(row, slots)));
        }),
    ];

    /// <summary>All groups in one table, headed by JSON paths (<c>total.study.classes</c>, <c>district.study.classes</c>).</summary>
    public static (IReadOnlyList<SheetColumn> Columns, IEnumerable<IReadOnlyList<object?>> Rows) Csv(IReadOnlyList<(OrgSnapshot Org, int Depth, SubtreeRollup Rollup)> rows)
    {
        var slots = FigureTable.Groups.SelectMany(Slots).ToList();
        return ([.. OrgNames.Select(name => new SheetColumn(name, ColumnKind.Text)), .. slots.SelectMany(slot => Conductors.Select(conductor => new SheetColumn($"{conductor.Key}.{slot.Path}", ColumnKind.Integer)))],
            rows.Select(row => Row(row, slots)));
    }

    private static IEnumerable<(Figure Figure, string Path, string? Level)> Slots(FigureGroup group) =>
        FigureTable.Figures.Where(figure => figure.Group == group).SelectMany(figure => figure.ByRecognitionLevel
            ? FigureTable.RecognitionLevels.Select(level => (figure, $"{figure.Name}.{level}", (string?)level))
            : [(figure, figure.Name, null)]);

    private static string Header((Figure Figure, string Path, string? Level) slot) =>
        slot.Level is null ? slot.Figure.Vietnamese : $"{slot.Figure.Vietnamese} ({Recognition[slot.Level]})";

    private static IReadOnlyList<object?> Row((OrgSnapshot Org, int Depth, SubtreeRollup Rollup) row, List<(Figure Figure, string Path, string? Level)> slots)
    {
        var details = row.Org.Details;
        var sets = new[] { row.Rollup.Total(), row.Rollup.ByConductorLevel.District, row.Rollup.ByConductorLevel.Grassroots, row.Rollup.ByConductorLevel.Partial, row.Rollup.ByConductorLevel.Cell }
            .Select(set => JsonSerializer.SerializeToNode(set, HierarchyJson.Options)!).ToList();
        return [row.Org.Id, details.Name, OrgLevelRules.Named(details.Level), details.Kind, details.ParentId, (long)row.Depth,
            .. slots.SelectMany(slot => sets.Select(set => (object?)Read(set, slot.Path)))];
    }

    private static long Read(JsonNode set, string path) => path.Split('.').Aggregate(set, (node, key) => node[key]!).GetValue<long>();
}
