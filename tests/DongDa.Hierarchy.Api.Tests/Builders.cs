namespace DongDa.Hierarchy.Api.Tests;

/// <summary>Valid request bodies of the contract, to start from and spoil one field at a time.</summary>
public static class Builders
{
    public static Dictionary<string, object?> Org(string name, string level, string? parentId, int members = 25, string kind = "test") => new()
    {
        ["name"] = name, ["level"] = level, ["kind"] = kind, ["parentId"] = parentId, ["memberCount"] = members,
    };

    /// <summary>One valid body for each record path.</summary>
    public static Dictionary<string, object?> Record(string path, string? recordId, string date = "2021-05-01") => path switch
    {
        "inspections" => new()
        {
            ["recordId"] = recordId, ["date"] = date, ["target"] = "organization", ["targetName"] = "Chi bộ 1",
            ["targetOrgId"] = null, ["topic"] = "Kiểm tra thực hiện nghị quyết", ["violation"] = true, ["discipline"] = "reprimand",
        },
        "supervisions" => new()
        {
            ["recordId"] = recordId, ["date"] = date, ["target"] = "individual", ["targetName"] = "Đồng chí A",
            ["targetOrgId"] = null, ["mode"] = "thematic", ["topic"] = "Giám sát chuyên đề",
        },
        "study-sessions" => new() { ["recordId"] = recordId, ["date"] = date, ["document"] = "Nghị quyết Đại hội XIII", ["classes"] = 2, ["attendees"] = 150 },
        "study-registrations" => new() { ["recordId"] = recordId, ["date"] = date, ["members"] = 40 },
        "commendations" => new()
        {
            ["recordId"] = recordId, ["date"] = date, ["program"] = "goodPeopleGoodDeeds", ["recipient"] = "individual",
            ["recipientName"] = "Nguyễn Văn B", ["level"] = "district",
        },
        "mass-mobilization" => new()
        {
            ["recordId"] = recordId, ["date"] = date, ["registrant"] = "collective", ["registrantName"] = "Tổ dân phố 5", ["level"] = "grassroots",
            ["models"] = new object[]
            {
                new Dictionary<string, object> { ["name"] = "Tuyến phố văn minh", ["field"] = "cultureSociety" },
                new Dictionary<string, object> { ["name"] = "Camera an ninh", ["field"] = "securityDefense" },
            },
        },
        _ => throw new ArgumentOutOfRangeException(nameof(path), path, null),
    };

    public static readonly string[] RecordPaths =
        ["inspections", "supervisions", "study-sessions", "study-registrations", "commendations", "mass-mobilization"];

    public static Dictionary<string, object?> With(this Dictionary<string, object?> body, string field, object? value)
    {
        var copy = new Dictionary<string, object?>(body) { [field] = value };
        return copy;
    }

    public static Dictionary<string, object?> Without(this Dictionary<string, object?> body, string field)
    {
        var copy = new Dictionary<string, object?>(body);
        copy.Remove(field);
        return copy;
    }
}
