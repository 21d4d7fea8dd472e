using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using DongDa.Hierarchy.Records;

namespace DongDa.Hierarchy.Host.Api;

/// <summary>
/// The page's record forms: each kind's fields as a POST body reads them (names, kinds of value,
/// enum values and whether required come from the body's JSON contract, so a form cannot ask for
/// what the API refuses), with the labels people read, in Vietnamese and English, stated here once.
/// A field or value without a label stops the host before it serves the page.
/// </summary>
public static class RecordForms
{
    /// <summary>The kinds in the order of the article: their API path, record type and labels.</summary>
    public static IReadOnlyList<(string Path, Type Type, string Vietnamese, string English)> Kinds { get; } =
    [
        ("study-sessions", typeof(StudySessionRecord), "Học tập, quán triệt nghị quyết", "Study of resolutions"),
        ("study-registrations", typeof(StudyRegistrationRecord), "Đăng ký học tập và làm theo Bác", "Hồ Chí Minh study registrations"),
        ("commendations", typeof(CommendationRecord), "Khen thưởng", "Commendations"),
        ("inspections", typeof(InspectionRecord), "Kiểm tra", "Inspections"),
        ("supervisions", typeof(SupervisionRecord), "Giám sát", "Supervisions"),
        ("mass-mobilization", typeof(MassMobilizationRecord), "Dân vận khéo", "Skilled mass mobilization"),
    ];

    /// <summary>The label of each field and enum value, by JSON name: Vietnamese, English.</summary>
    private static readonly Dictionary<string, (string Vi, string En)> Labels = new(StringComparer.Ordinal)
    {
        ["recordId"] = ("Mã hồ sơ (để trống: hệ thống tự đặt)", "Record id (leave empty for one to be made)"),
        ["date"] = ("Ngày", "Date"),
        ["target"] = ("Đối tượng", "Target"),
        ["targetName"] = ("Tên đối tượng", "Name of the target"),
        ["targetOrgId"] = ("Mã tổ chức đảng là đối tượng (nếu có)", "Id of the target organization (if any)"),
        ["topic"] = ("Nội dung", "Subject"),
        ["violation"] = ("Có vi phạm", "A violation was found"),
        ["discipline"] = ("Hình thức kỷ luật", "Disciplinary form"),
        ["mode"] = ("Hình thức giám sát", "Kind of supervision"),
        ["document"] = ("Văn bản học tập, quán triệt", "Document studied"),
        ["classes"] = ("Số lớp", "Classes"),
        ["attendees"] = ("Số lượt đảng viên tham gia", "Attendances"),
        ["members"] = ("Số đảng viên đăng ký", "Members registered"),
        ["program"] = ("Chương trình", "Programme"),
        ["recipient"] = ("Khen cho", "Commended"),
        ["recipientName"] = ("Tên tập thể, cá nhân", "Name of the collective or person"),
        ["level"] = ("Cấp công nhận", "Recognized by"),
        ["registrant"] = ("Đăng ký là", "Registered as"),
        ["registrantName"] = ("Tên tập thể, cá nhân", "Name of the collective or person"),
        ["models"] = ("Mô hình “Dân vận khéo”", "“Dân vận khéo” models"),
        ["name"] = ("Tên mô hình", "Name of the model"),
        ["field"] = ("Lĩnh vực", "Field"),
        ["organization"] = ("Tổ chức đảng", "Party organization"),
        ["individual"] = ("Cá nhân", "Individual"),
        ["none"] = ("Không", "None"),
        ["reprimand"] = ("Khiển trách", "Reprimand"),
        ["warning"] = ("Cảnh cáo", "Warning"),
        ["dismissal"] = ("Cách chức", "Dismissal"),
        ["expulsion"] = ("Khai trừ", "Expulsion"),
        ["regular"] = ("Thường xuyên", "Regular"),
        ["thematic"] = ("Chuyên đề", "Thematic"),
        ["hoChiMinhStudy"] = ("Học tập và làm theo Bác", "Hồ Chí Minh study"),
        ["goodPeopleGoodDeeds"] = ("Người tốt, việc tốt", "Good people, good deeds"),
        ["collective"] = ("Tập thể", "Collective"),
        ["city"] = ("Thành phố", "City"),
        ["district"] = ("Quận", "District"),
        ["grassroots"] = ("Cơ sở", "Grassroots"),
        ["economy"] = ("Kinh tế", "Economy"),
        ["cultureSociety"] = ("Văn hóa – xã hội", "Culture and society"),
        ["securityDefense"] = ("An ninh quốc phòng", "Security and defence"),
        ["politicalSystem"] = ("Xây dựng hệ thống chính trị", "Building the political system"),
    };

    /// <summary>The kinds and their fields as the page's module exports them.</summary>
    public static string Json { get; } = JsonSerializer.Serialize(Kinds.Select(kind => new
    {
        kind.Path,
        vi = kind.Vietnamese,
        en = kind.English,
        Fields = Fields(kind.Type),
    }), HierarchyJson.Options);

    /// <summary>The fields a body of <paramref name="type"/> takes, in its contract's order.</summary>
    public static IReadOnlyList<RecordField> Fields(Type type) =>
        [.. JsonBodyOptions.Options.GetTypeInfo(type).Properties.Where(property => property.Set is not null).Select(Field)];

    /// <summary>The labels of a field or value by its JSON name.</summary>
    public static (string Vi, string En) Label(string name) =>
        Labels.TryGetValue(name, out var label) ? label : throw new InvalidOperationException($"The record form has no label for '{name}'.");

    private static RecordField Field(JsonPropertyInfo property)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        var info = JsonBodyOptions.Options.GetTypeInfo(type);
        var (vi, en) = Label(property.Name);
        var kind = type switch
        {
            _ when type.IsEnum => "choice",
            _ when type == typeof(DateOnly) => "date",
            _ when type == typeof(int) => "number",
            _ when type == typeof(bool) => "yes-no",
            _ when type == typeof(string) => "text",
            _ when info.Kind == JsonTypeInfoKind.Enumerable => "list",
            _ => throw new InvalidOperationException($"The record field '{property.Name}' has no form for {type}."),
        };
        return new RecordField(
            property.Name, kind, vi, en, property.IsRequired,
            type.IsEnum
                ? [.. Enum.GetNames(type).Select(name => JsonNamingPolicy.CamelCase.ConvertName(name)).Select(value => new RecordChoice(value, Label(value).Vi, Label(value).En))]
                : null,
            kind == "list" ? Fields(info.ElementType!) : null);
    }
}

/// <summary>A field of a record's body: its JSON name, kind of value (text, number, date, choice, yes-no, list), labels, and its choices or inner fields.</summary>
public sealed record RecordField(
    string Name, string Kind, string Vi, string En, bool Required, IReadOnlyList<RecordChoice>? Choices, IReadOnlyList<RecordField>? Fields);

/// <summary>A value of a choice field as the contract writes it, with its labels.</summary>
public sealed record RecordChoice(string Value, string Vi, string En);
