using System.Text.Json.Nodes;

namespace DongDa.Hierarchy.Cluster.Tests;

/// <summary>What one record adds to the figures these tests check; one or more figures of each record kind.</summary>
public readonly record struct Tally(
    int Classes, int Attendees, int Inspections, int Supervisions, int Collectives, int Models, int Commendations = 0, int RegisteredMembers = 0)
{
    public static Tally operator +(Tally a, Tally b) => new(
        a.Classes + b.Classes, a.Attendees + b.Attendees, a.Inspections + b.Inspections,
        a.Supervisions + b.Supervisions, a.Collectives + b.Collectives, a.Models + b.Models,
        a.Commendations + b.Commendations, a.RegisteredMembers + b.RegisteredMembers);

    /// <summary>The same figures read from a MetricSet of the metrics contract.</summary>
    public static Tally From(JsonNode metricSet) => new(
        metricSet["study"]!["classes"]!.GetValue<int>(),
        metricSet["study"]!["attendees"]!.GetValue<int>(),
        metricSet["inspections"]!["organizations"]!.GetValue<int>(),
        metricSet["supervisions"]!["thematic"]!.GetValue<int>(),
        metricSet["massMobilization"]!["collectives"]!["grassroots"]!.GetValue<int>(),
        metricSet["massMobilization"]!["models"]!.GetValue<int>(),
        SumOfCommendations(metricSet["commendations"]!),
        metricSet["study"]!["registeredMembers"]!.GetValue<int>());

    /// <summary>Every commendation, whatever its programme, recipient and level.</summary>
    private static int SumOfCommendations(JsonNode commendations) =>
        commendations.AsObject().SelectMany(program => program.Value!.AsObject())
            .SelectMany(recipient => recipient.Value!.AsObject()).Sum(level => level.Value!.GetValue<int>());
}

/// <summary>A record the load will post, with a fixed id so that a retry is a replay the API stores once.</summary>
public sealed record PlannedWrite(TestHierarchy.Org Org, string Path, string RecordId, string Body, Tally Tally)
{
    /// <summary>Every record path of the contract.</summary>
    public static readonly string[] Paths = ["study-sessions", "inspections", "supervisions", "mass-mobilization", "commendations", "study-registrations"];

    public static PlannedWrite Random(Random random, TestHierarchy.Org org, string recordId)
    {
        var date = new DateOnly(2021, 1, 1).AddDays(random.Next(365)).ToString("yyyy-MM-dd");
        switch (random.Next(Paths.Length))
        {
            case 0:
                var classes = random.Next(1, 6);
                var attendees = random.Next(0, 200);
                return new(org, "study-sessions", recordId,
                    Json(new() { ["recordId"] = recordId, ["date"] = date, ["document"] = "Nghị quyết", ["classes"] = classes, ["attendees"] = attendees }),
                    new Tally(classes, attendees, 0, 0, 0, 0));
            case 1:
                return new(org, "inspections", recordId,
                    Json(new()
                    {
                        ["recordId"] = recordId, ["date"] = date, ["target"] = "organization", ["targetName"] = "Chi bộ",
                        ["targetOrgId"] = null, ["topic"] = "Kiểm tra", ["violation"] = false, ["discipline"] = "none",
                    }),
                    new Tally(0, 0, 1, 0, 0, 0));
            case 2:
                return new(org, "supervisions", recordId,
                    Json(new()
                    {
                        ["recordId"] = recordId, ["date"] = date, ["target"] = "individual", ["targetName"] = "Đồng chí A",
                        ["targetOrgId"] = null, ["mode"] = "thematic", ["topic"] = "Giám sát",
                    }),
                    new Tally(0, 0, 0, 1, 0, 0));
            case 4:
                return new(org, "commendations", recordId,
                    Json(new()
                    {
                        ["recordId"] = recordId, ["date"] = date, ["program"] = random.Next(2) == 0 ? "hoChiMinhStudy" : "goodPeopleGoodDeeds",
                        ["recipient"] = random.Next(2) == 0 ? "collective" : "individual", ["recipientName"] = "Chi bộ",
                        ["level"] = new[] { "city", "district", "grassroots" }[random.Next(3)],
                    }),
                    new Tally(0, 0, 0, 0, 0, 0, Commendations: 1));
            case 5:
                var members = random.Next(0, 60);
                return new(org, "study-registrations", recordId,
                    Json(new() { ["recordId"] = recordId, ["date"] = date, ["members"] = members }),
                    new Tally(0, 0, 0, 0, 0, 0, RegisteredMembers: members));
            default:
                var models = random.Next(1, 4);
                var list = new JsonArray();
                for (var i = 0; i < models; i++) list.Add(new JsonObject { ["name"] = $"Mô hình {i}", ["field"] = "economy" });
                return new(org, "mass-mobilization", recordId,
                    Json(new()
                    {
                        ["recordId"] = recordId, ["date"] = date, ["registrant"] = "collective", ["registrantName"] = "Tổ dân phố",
                        ["level"] = "grassroots", ["models"] = list,
                    }),
                    new Tally(0, 0, 0, 0, 1, models));
        }
    }

    private static string Json(JsonObject body) => body.ToJsonString();
}
