using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DongDa.Hierarchy.Host.Api;
using DongDa.Hierarchy.Organizations;
using DongDa.Hierarchy.Records;
using DongDa.Hierarchy.Spreadsheets;

namespace DongDa.Hierarchy.Host.Sheets;

/// <summary>A column of a kind's spreadsheet: its JSON name, the Vietnamese header the template spells, and the body's field behind it (none for <c>orgId</c>).</summary>
public sealed record SheetField(string Name, string Header, string Explanation, RecordField? Field);

/// <summary>
/// A kind's records as spreadsheet rows, one way and the other: the import reads a row into the
/// JSON object a POST would send, so that the body's own rules check it; the export writes a
/// record in exactly the columns the import reads, so that an export imports again unchanged.
/// Choices and yes/no are read as the contract spells them or as their Vietnamese labels, dates as
/// YYYY-MM-DD or DD/MM/YYYY; a model list is written <c>name | field; name | field</c>.
/// </summary>
public static class RecordSheet
{
    public const string ItemSeparator = ";";
    public const string PartSeparator = "|";

    public static IReadOnlyList<SheetField> Columns(Type recordType) =>
    [
        new("orgId", "Mã tổ chức", "Mã của tổ chức đảng đã thực hiện (ví dụ phuong-lang-thuong-cb-05), trong phạm vi tổ chức nhập.", null),
        new("recordId", "Mã hồ sơ", "Mã riêng của hồ sơ trong tổ chức: gửi lại cùng một tệp không ghi trùng.", null),
        .. RecordForms.Fields(recordType).Where(field => field.Name != "recordId").Select(field => new SheetField(field.Name, field.Vi, Explain(field), field)),
    ];

    /// <summary>Which column of the file each field is in, from the headers; every unknown header and missing required field in <paramref name="errors"/>.</summary>
    public static int[] Map(IReadOnlyList<string> headers, IReadOnlyList<SheetField> columns, ValidationErrors errors)
    {
        var positions = Enumerable.Repeat(-1, columns.Count).ToArray();
        for (var position = 0; position < headers.Count; position++)
        {
            var header = OrgNameSearch.Fold(headers[position]);
            if (header.Length == 0) continue;
            var index = columns.ToList().FindIndex(column => OrgNameSearch.Fold(column.Name) == header || OrgNameSearch.Fold(column.Header) == header);
            if (index < 0) errors.Add("columns", $"Unknown column '{headers[position]}'.");
            else if (positions[index] >= 0) errors.Add("columns", $"The column '{headers[position]}' is there twice.");
            else positions[index] = position;
        }

        foreach (var (column, index) in columns.Select((column, index) => (column, index)))
        {
            if (positions[index] < 0 && (column.Field is null || column.Field.Required)) errors.Add("columns", $"The column '{column.Name}' ({column.Header}) is missing.");
        }

        return positions;
    }

    /// <summary>The row's organization and the body a POST would send, or null with the row's problems in <paramref name="errors"/>.</summary>
    public static (string? OrgId, JsonObject Body) Read(SheetRow row, int[] positions, IReadOnlyList<SheetField> columns, ValidationErrors errors)
    {
        var body = new JsonObject();
        string? orgId = null;
        for (var index = 0; index < columns.Count; index++)
        {
            var position = positions[index];
            var text = position >= 0 && position < row.Cells.Count ? row.Cells[position] : null;
            if (text is null) continue;
            var column = columns[index];
            if (row.FormulaCells.Contains(position)) errors.Add(column.Name, "A formula is not allowed: paste its value.");
            if (column.Name == "orgId") orgId = text;
            else body[column.Name] = column.Field is { } field ? Value(field, text) : JsonValue.Create(text);
        }

        if (orgId is null) errors.Add("orgId", "This field is required.");
        if (!body.ContainsKey("recordId")) errors.Add("recordId", "This field is required here, so that a file can be sent again safely.");
        return (orgId, body);
    }

    /// <summary>A record's cells, in the columns' order, as the import reads them back.</summary>
    public static object?[] Cells(OrgRecord record, IReadOnlyList<SheetField> columns)
    {
        var json = JsonSerializer.SerializeToNode(record, record.GetType(), HierarchyJson.Options)!.AsObject();
        return [.. columns.Select(column => column.Field is { } field ? Cell(field, json[column.Name]) : json[column.Name]?.GetValue<string>())];
    }

    private static JsonNode? Value(RecordField field, string text) => field.Kind switch
    {
        "number" when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
        "yes-no" when YesNo(text) is { } yes => JsonValue.Create(yes),
        "choice" => JsonValue.Create(Choice(field, text)),
        "date" => JsonValue.Create(Date(text) ?? text),
        "list" => List(field, text),
        _ => JsonValue.Create(text),
    };

    private static object? Cell(RecordField field, JsonNode? value) => value switch
    {
        null => null,
        _ when field.Kind == "number" => value.GetValue<long>(),
        _ when field.Kind == "yes-no" => value.GetValue<bool>() ? "Có" : "Không",
        _ when field.Kind == "choice" => field.Choices!.First(choice => choice.Value == value.GetValue<string>()).Vi,
        _ when field.Kind == "date" => DateOnly.ParseExact(value.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ when field.Kind == "list" => string.Join($"{ItemSeparator} ", value.AsArray().Select(item =>
            string.Join($" {PartSeparator} ", field.Fields!.Select(inner => Cell(inner, item![inner.Name])?.ToString() ?? "")))),
        _ => value.GetValue<string>(),
    };

    private static bool? YesNo(string text) => OrgNameSearch.Fold(text) switch
    {
        "true" or "co" or "x" or "1" => true,
        "false" or "khong" or "0" => false,
        _ => null,
    };

    /// <summary>The contract's spelling of a choice given as it or as its label; otherwise the text, for the body's rules to name.</summary>
    private static string Choice(RecordField field, string text)
    {
        var folded = OrgNameSearch.Fold(text);
        return field.Choices!.FirstOrDefault(choice => choice.Value == text || OrgNameSearch.Fold(choice.Vi) == folded || OrgNameSearch.Fold(choice.En) == folded)?.Value ?? text;
    }

    private static string? Date(string text) =>
        DateOnly.TryParseExact(text, ["yyyy-MM-dd", "d/M/yyyy", "dd/MM/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : null;

    private static JsonArray List(RecordField field, string text) =>
    [
        .. text.Split([ItemSeparator, "\n"], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(item =>
        {
            var parts = item.Split(PartSeparator, StringSplitOptions.TrimEntries);
            var inner = new JsonObject();
            foreach (var (part, index) in parts.Select((part, index) => (part, index)).Where(pair => pair.index < field.Fields!.Count && pair.part.Length > 0))
            {
                inner[field.Fields![index].Name] = Value(field.Fields[index], part);
            }

            return (JsonNode)inner;
        }),
    ];

    private static string Explain(RecordField field) => field.Kind switch
    {
        "choice" => $"Chọn một trong: {string.Join("; ", field.Choices!.Select(choice => choice.Vi))}.",
        "yes-no" => "Có hoặc Không.",
        "date" => "Ngày, dạng dd/mm/yyyy hoặc yyyy-mm-dd.",
        "number" => "Số nguyên, không âm.",
        "list" => $"Mỗi mục dạng “{string.Join($" {PartSeparator} ", field.Fields!.Select(inner => inner.Vi))}”, các mục cách nhau bằng dấu {ItemSeparator}. "
            + $"{string.Join(" ", field.Fields!.Where(inner => inner.Choices is not null).Select(Explain))}",
        _ => field.Required ? "Bắt buộc." : "Có thể để trống.",
    } + (field.Required || field.Kind is "text" ? "" : " Có thể để trống.");
}
