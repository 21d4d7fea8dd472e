using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DongDa.Hierarchy.Api.Tests.Hostile;

/// <summary>
/// Makes requests that every endpoint must refuse, from a seed, so that a failure names the seed and
/// case that reproduce it. Each request starts from a valid one and is spoiled in at least one way
/// the contract forbids: broken or mistyped JSON, missing, repeated and unknown fields, numbers out
/// of range, negative counts, impossible dates and periods, unknown enum values, very long strings
/// and ids, ids with path characters or look-alike letters, invalid UTF-8, empty and huge bodies,
/// wrong content types, bad cursors and page sizes, bad tokens, unknown organizations, corrections
/// of records that are not there, withdrawals without a reason, and sign-ins and password changes
/// no form could send.
/// </summary>
/// <remarks>
/// With <paramref name="overSockets"/>, it also sends what only a real server can be sent: a NUL in
/// the path, and headers beyond Kestrel's limit (the in-process test server refuses the first in the
/// client and has no limit for the second).
/// </remarks>
public sealed class HostileRequests(int seed, IReadOnlyList<string> existingIds, bool overSockets = false)
{
    private const string Orgs = "/api/v1/orgs";
    private readonly Random _random = new(seed);
    private int _case;

    private static readonly string[] Dates =
        ["2021-02-30", "2021-13-01", "2021-00-10", "1929-12-31", "2100-01-01", "", "21-05-01", "2021-5-1", "2021-05-01T00:00:00Z",
         "０２０２1-05-01", "2021/05/01", "9999999999-01-01", "-2021-05-01", "2021-05-01\u0000", "null"];

    private static readonly string[] BadIds =
        ["a/b", "..", "%2e%2e", "%2F", "Dong-Da", "đống-đa", "dоng-da" /* Cyrillic о */, "ｄｏｎｇ", "-leading", "a_b", "a b",
         "a%20b", "%C3%28", "%FF%FE", "dong-da%2Fmetrics", "\u202Edong", "con", "%E2%80%8Bdong"];

    private static readonly string[] LookAlikes = ["оrganization" /* Cyrillic о */, "Organization", "ORGANIZATION", "organization ", " district", "dístrict", "ｃｅｌｌ"];

    private static readonly object[] HugeNumbers =
        [2147483648L, -2147483649L, 9223372036854775807L, -1, -100, 1.5, 1e300, "1e400", "9223372036854775808", "-0.0000001"];

    private static readonly string[] BadTokens =
        ["Bearer", "Bearer ", "Bearer garbage", "Basic YWRtaW46YWRtaW4=", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", "bearer\u0000x",
         "Bearer " + new string('A', 20_000)];

    private static readonly string[] BadContentTypes =
        ["text/plain", "application/xml", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "application/jsonx", "*/*", "application/json-patch"];

    public HostileRequest Next()
    {
        _case++;
        if (overSockets && _random.Next(40) == 0) return ServerLimit();
        return _random.Next(10) switch
        {
            0 or 1 => Query(),
            2 => Unknown(),
            3 => Token(),
            4 when _random.Next(2) == 0 => Withdrawal(),
            5 when _random.Next(3) == 0 => Account(),
            _ => Write(),
        };
    }

    /// <summary>A date no query accepts (an empty one means "no bound" there).</summary>
    private string BadDate() => Pick(Dates.Where(date => date.Length > 0).ToList());

    private string Existing() => existingIds[_random.Next(existingIds.Count)];

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    /// <summary>A read whose query is invalid: every such read must be refused, whatever the organization.</summary>
    private HostileRequest Query()
    {
        var id = Existing();
        var (path, spoiled) = _random.Next(11) switch
        {
            8 => ($"{Orgs}/{id}/search?q={Uri.EscapeDataString(Pick(["", "  ", new string('x', 101)]))}", "bad search words"),
            9 => ($"{Orgs}/{id}/search?q=lang&limit={Pick(["0", "101", "-1", "x"])}", "bad search limit"),
            10 => ($"{Orgs}/{id}/series?{Pick(["from=2021-01-01", "to=2021-01-01", "from=1930-01-01&to=2099-12-31", "from=2022-01-01&to=2021-01-01"])}", "bad series period"),
            0 => ($"{Orgs}/{id}/metrics?from=2024-01-01&to=2021-01-01", "from after to"),
            1 => ($"{Orgs}/{id}/drilldown?from={Uri.EscapeDataString(BadDate())}", "bad from"),
            2 => ($"{Orgs}/{id}/metrics?to={Uri.EscapeDataString(BadDate())}", "bad to"),
            3 => ($"{Orgs}/{id}/{Pick(Builders.RecordPaths)}?limit={Pick(["0", "-1", "1001", "1e9", "abc", "99999999999999999999", "1.5"])}", "bad limit"),
            4 => ($"{Orgs}/{id}/{Pick(Builders.RecordPaths)}?cursor={Uri.EscapeDataString(RandomText(_random.Next(1, 80)))}", "bad cursor"),
            5 => ($"{Orgs}/{id}/audit?limit=-5&cursor=%%%", "bad audit page"),
            7 when _random.Next(2) == 0 => ($"{Orgs}/{id}/{Pick(Builders.RecordPaths)}?includeWithdrawn={Pick(["yes", "1", "TRUE", "true&includeWithdrawn=false"])}", "bad includeWithdrawn"),
            7 when _random.Next(2) == 0 => ($"{Orgs}/{id}/{Pick(Builders.RecordPaths)}?order={Pick(["latest", "NEWEST", "desc", "newest&order=oldest"])}", "bad order"),
            6 when _random.Next(2) == 0 => ($"{Orgs}/{id}/report?{Pick(["format=pdf", "format=DOCX", "lang=fr", "lang=vi&lang=en", "from=2023-01-01&to=2022-01-01", "from=2099-12-31"])}", "bad report query"),
            6 => ($"{Orgs}/{id}/metrics?from=2021-01-01&from=2022-01-01", "repeated from"),
            _ => ($"{Orgs}/{id}/audit?from=2025-01-01&to=2020-01-01", "audit from after to"),
        };
        return new(_case, spoiled, HttpMethod.Get, path, null, null, null);
    }

    /// <summary>A sign-in or a password change a person could not have sent from the sign-in form, or with credentials that are not right.</summary>
    private HostileRequest Account()
    {
        var path = _random.Next(3) == 0 ? "/account/password" : "/account/sign-in";
        var body = Pick<string>([
            "", "{", "[]", "null", "{\"userName\":\"admin\"}", "{\"password\":\"x\"}", "{\"userName\":5,\"password\":true}",
            "{\"userName\":\"admin\",\"password\":\"wrong-password\"}", "{\"userName\":\"" + new string('a', 5000) + "\",\"password\":\"x\"}",
            "{\"userName\":\"a\u0000b\",\"password\":\"x\"}", "{\"userName\":\"admin\",\"password\":\"x\",\"role\":\"admin\"}",
            "{\"currentPassword\":\"x\",\"newPassword\":\"short\"}", "{\"currentPassword\":\"not-it-at-all\",\"newPassword\":\"a-long-new-password\"}",
        ]);
        var type = _random.Next(6) == 0 ? Pick(BadContentTypes) : "application/json";
        return new(_case, "account request", HttpMethod.Post, path, Encoding.UTF8.GetBytes(body), type, null);
    }

    /// <summary>A withdrawal without a reason a person could have given, or of a record id that cannot be one.</summary>
    private HostileRequest Withdrawal()
    {
        var record = $"{Orgs}/{Existing()}/{Pick(Builders.RecordPaths)}";
        return _random.Next(3) switch
        {
            0 => new(_case, "withdrawal without a reason", HttpMethod.Delete,
                $"{record}/hz-w-1{Pick(["", "?reason=", "?reason=%20%20", "?reason=a&reason=b", "?reason=%00", "?reason=" + new string('x', 2001), "?why=x"])}", null, null, null),
            1 => new(_case, "withdrawal of a bad record id", HttpMethod.Delete, $"{record}/{Pick(BadIds)}?reason=x", null, null, null),
            _ => new(_case, "withdrawal of no record", HttpMethod.Delete, $"{record}/hz-none-{_random.Next(1000)}?reason=x", null, null, null),
        };
    }

    /// <summary>Any endpoint of an organization that does not exist or whose id cannot be one, with a valid body.</summary>
    private HostileRequest Unknown()
    {
        var id = _random.Next(3) switch
        {
            0 => Pick(BadIds),
            1 => new string('a', _random.Next(65, 5000)),
            _ => "hz-none-" + _random.Next(1000),
        };
        switch (_random.Next(4))
        {
            case 0:
                var read = Pick(["", "/children", "/metrics", "/drilldown", "/audit", "/search?q=lang", "/series?from=2021-01-01&to=2021-12-31", "/breadcrumb", "/" + Pick(Builders.RecordPaths)]);
                return new(_case, "unknown id", HttpMethod.Get, $"{Orgs}/{id}{read}", null, null, null);
            case 1:
                var kind = Pick(Builders.RecordPaths);
                return new(_case, "record for unknown id", HttpMethod.Post, $"{Orgs}/{id}/{kind}", Encode(Builders.Record(kind, null)), "application/json", null);
            case 2:
                return new(_case, "organization under unknown parent", HttpMethod.Put, $"{Orgs}/{id}", Encode(Builders.Org("Chi bộ", "cell", "hz-none-parent")), "application/json", null);
            default:
                var existing = Existing();
                return new(_case, "organization as its own parent", HttpMethod.Put, $"{Orgs}/{existing}",
                    Encode(Builders.Org("Chi bộ", existing == "hz-d" ? "grassroots" : "cell", existing)), "application/json", null);
        }
    }

    private HostileRequest ServerLimit() => _random.Next(2) == 0
        ? new(_case, "NUL in the path", HttpMethod.Get, $"{Orgs}/{Existing()}%00/metrics", null, null, null) { RefusedByServer = true }
        : new(_case, "headers beyond the server's limit", HttpMethod.Get, $"{Orgs}/{Existing()}/metrics", null, null, "Bearer " + new string('A', 40_000))
        {
            RefusedByServer = true,
        };

    /// <summary>A valid request with a token that must not pass.</summary>
    private HostileRequest Token()
    {
        var id = Existing();
        var kind = Pick(Builders.RecordPaths);
        var body = Encode(Builders.Record(kind, "hz-token-" + _case));
        var token = Pick(BadTokens);
        var request = _random.Next(2) == 0
            ? new HostileRequest(_case, "bad token", HttpMethod.Get, $"{Orgs}/{id}/metrics", null, null, token)
            : new HostileRequest(_case, "bad token", HttpMethod.Post, $"{Orgs}/{id}/{kind}", body, "application/json", token);
        // A real server refuses a control character in a header before the application sees it.
        return request with { RefusedByServer = overSockets && token.Contains('\0') };
    }

    /// <summary>A record or organization write spoiled in one or more ways.</summary>
    private HostileRequest Write()
    {
        var id = Existing();
        var isOrg = _random.Next(4) == 0;
        var kind = Pick(Builders.RecordPaths);
        // A record body goes to a POST, or to a PUT correcting a record id no organization holds.
        var correction = !isOrg && _random.Next(3) == 0;
        var path = isOrg ? $"{Orgs}/{id}" : correction ? $"{Orgs}/{id}/{kind}/hz-w-{_case}" : $"{Orgs}/{id}/{kind}";
        var method = isOrg || correction ? HttpMethod.Put : HttpMethod.Post;
        var template = isOrg ? Builders.Org("Chi bộ " + id, "cell", "hz-g") : Builders.Record(kind, $"hz-w-{_case}");
        var json = (JsonObject)JsonSerializer.SerializeToNode(template)!;

        switch (_random.Next(12))
        {
            case 0:
                var text = json.ToJsonString();
                var cut = Encoding.UTF8.GetBytes(text[..(1 + _random.Next(text.Length - 2))]);
                return new(_case, "truncated JSON", method, path, cut, "application/json", null);
            case 1:
                return new(_case, "not an object", method, path, Encoding.UTF8.GetBytes(Pick(["[]", "\"x\"", "42", "null", "true", "[{}]"])), "application/json", null);
            case 2:
                return new(_case, "empty body", method, path, [], "application/json", null);
            case 3:
                var huge = Encoding.UTF8.GetBytes(json.ToJsonString().Insert(1, $"\"pad\":\"{new string('x', 70_000)}\","));
                return new(_case, "huge body", method, path, huge, "application/json", null);
            case 4:
                return new(_case, "wrong content type", method, path, Encode(json), Pick(BadContentTypes), null);
            case 5:
                var utf8 = Encode(json).ToList();
                // Inside the first string value: after the quotes of the first name and the value's opening quote.
                var quote = utf8.IndexOf((byte)'"', utf8.IndexOf((byte)'"', utf8.IndexOf((byte)'"', 1) + 1) + 1);
                utf8.InsertRange(quote + 1, Pick<byte[]>([[0xC3, 0x28], [0xFF], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xC0, 0xAF]]));
                return new(_case, "invalid UTF-8", method, path, [.. utf8], "application/json", null);
            case 6:
                var depth = _random.Next(65, 5000);
                var deep = $"{{\"date\":{new string('[', depth)}{new string(']', depth)}}}";
                return new(_case, "deep nesting", method, path, Encoding.UTF8.GetBytes(deep), "application/json", null);
            case 7:
                var repeated = json.ToJsonString();
                var first = json.First().Key;
                repeated = repeated.Insert(1, $"\"{first}\":{json[first]?.ToJsonString() ?? "null"},");
                return new(_case, "repeated field", method, path, Encoding.UTF8.GetBytes(repeated), "application/json", null);
            default:
                var spoiled = SpoilFields(json, isOrg, 1 + _random.Next(3));
                return new(_case, spoiled, method, path, Encode(json), "application/json", null);
        }
    }

    /// <summary>
    /// Spoils up to <paramref name="count"/> fields in place, each at most once so that a second
    /// spoiling cannot undo the first; each spoiling alone makes the body invalid.
    /// </summary>
    private string SpoilFields(JsonObject json, bool isOrg, int count)
    {
        var spoiled = new List<string>();
        var touched = new HashSet<string>();
        for (var i = 0; i < count; i++)
        {
            var fields = json.Where(field => field.Key != "recordId" && !(isOrg && field.Key == "parentId") && !touched.Contains(field.Key))
                .Select(field => field.Key).ToList();
            if (fields.Count == 0) break;
            var name = Pick(fields);
            touched.Add(name);
            var value = json[name];
            switch (_random.Next(7))
            {
                case 0:
                    var unknown = "x" + RandomText(_random.Next(1, 10));
                    touched.Add(unknown);
                    json[unknown] = 1;
                    spoiled.Add("unknown field");
                    break;
                case 1 when IsRequired(name, isOrg):
                    json.Remove(name);
                    spoiled.Add("missing " + name);
                    break;
                case 2 when value is JsonValue number && number.TryGetValue<long>(out _):
                    json[name] = JsonSerializer.SerializeToNode(Pick(HugeNumbers));
                    spoiled.Add("number out of range in " + name);
                    break;
                case 3 when name == "date":
                    json[name] = Pick(Dates);
                    spoiled.Add("bad date");
                    break;
                case 4 when value is JsonValue text && text.TryGetValue<string>(out var current) && IsEnum(name):
                    json[name] = Pick([.. LookAlikes, "x", "", current.ToUpperInvariant() + "s"]);
                    spoiled.Add("unknown enum value in " + name);
                    break;
                case 5 when value is JsonValue text && text.TryGetValue<string>(out _):
                    json[name] = new string('ằ', _random.Next(2001, 10_000));
                    spoiled.Add("long string in " + name);
                    break;
                default:
                    json[name] = WrongType(value);
                    spoiled.Add("wrong type in " + name);
                    break;
            }
        }

        return string.Join(", ", spoiled);
    }

    private static bool IsRequired(string name, bool isOrg) => isOrg ? name is "name" or "level" or "kind" : name is not ("targetOrgId" or "recordId");

    /// <summary>Enum-valued fields of the contract at the top level of a body.</summary>
    private static bool IsEnum(string name) =>
        name is "level" or "target" or "mode" or "discipline" or "program" or "recipient" or "registrant";

    private JsonNode? WrongType(JsonNode? value) => value switch
    {
        JsonValue text when text.TryGetValue<string>(out _) => Pick<JsonNode?>([JsonValue.Create(7), JsonValue.Create(true), new JsonObject(), new JsonArray()]),
        JsonValue flag when flag.TryGetValue<bool>(out _) => Pick<JsonNode?>([JsonValue.Create("true"), JsonValue.Create(1), new JsonArray()]),
        JsonValue => Pick<JsonNode?>([JsonValue.Create("12"), JsonValue.Create(false), new JsonObject(), new JsonArray()]),
        JsonArray => Pick<JsonNode?>([new JsonObject(), JsonValue.Create("[]"), JsonValue.Create(3), new JsonArray(JsonValue.Create(1))]),
        null => Pick<JsonNode?>([JsonValue.Create(5), JsonValue.Create(false), new JsonObject()]),
        _ => JsonValue.Create(0),
    };

    private string RandomText(int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++) chars[i] = (char)_random.Next(0x20, 0x250);
        return new string(chars);
    }

    private static byte[] Encode(JsonNode json) => Encoding.UTF8.GetBytes(json.ToJsonString());

    private static byte[] Encode(Dictionary<string, object?> body) => JsonSerializer.SerializeToUtf8Bytes(body);
}
