using DongDa.Hierarchy.Metrics;
using DongDa.Hierarchy.Organizations;
using DongDa.Hierarchy.Records;

namespace DongDa.Hierarchy.Grains.Tests;

/// <summary>
/// A plain in-memory picture of a hierarchy and its records, and the brute-force oracle that sums
/// figures from it directly from record fields, independently of the grains' own arithmetic.
/// </summary>
public sealed class HierarchyModel
{
    public Dictionary<string, OrgDetails> Orgs { get; } = new();
    public List<string> CreationOrder { get; } = [];
    public List<OrgRecord> Records { get; } = [];

    public void Add(string id, OrgDetails details)
    {
        Orgs[id] = details;
        CreationOrder.Add(id);
    }

    public IEnumerable<string> ChildrenOf(string id) => Orgs.Where(pair => pair.Value.ParentId == id).Select(pair => pair.Key);

    public HashSet<string> Subtree(string id)
    {
        var members = new HashSet<string> { id };
        var frontier = new Queue<string>([id]);
        while (frontier.TryDequeue(out var current))
        {
            foreach (var child in ChildrenOf(current))
            {
                if (members.Add(child)) frontier.Enqueue(child);
            }
        }

        return members;
    }

    public List<string> PathOf(string id)
    {
        var path = new List<string>();
        for (string? current = id; current is not null; current = Orgs[current].ParentId) path.Insert(0, current);
        return path;
    }

    /// <summary>Whether moving <paramref name="id"/> under <paramref name="parentId"/> keeps the hierarchy valid.</summary>
    public bool MayMove(string id, string parentId) =>
        Orgs.TryGetValue(parentId, out var parent)
        && OrgLevelRules.MayContain(parent.Level, Orgs[id].Level)
        && !Subtree(id).Contains(parentId);

    public Expected Expect(string id, Period period)
    {
        var subtree = Subtree(id);
        var expected = new Expected();
        foreach (var member in subtree)
        {
            var level = Orgs[member].Level;
            expected.Orgs.Increment("total");
            expected.Orgs.Increment(Camel(level));
            var figures = expected.ByLevel[level];
            var own = Records.Where(record => record.OrgId == member && InPeriod(record.Date, period)).ToList();
            foreach (var record in own)
            {
                Count(record, figures);
                if (member == id) Count(record, expected.Own);
            }

            if (own.OfType<StudyRegistrationRecord>().Any())
            {
                figures.Increment("study.registeredOrgs");
                if (member == id) expected.Own.Increment("study.registeredOrgs");
            }
        }

        foreach (var figures in expected.ByLevel.Values) expected.Total.AddAll(figures);
        return expected;
    }

    private static bool InPeriod(DateOnly date, Period period) =>
        (period.From is null || date >= period.From) && (period.To is null || date <= period.To);

    private static void Count(OrgRecord record, Figures figures)
    {
        switch (record)
        {
            case InspectionRecord inspection:
                figures.Increment(inspection.Target == TargetKind.Organization ? "inspections.organizations" : "inspections.individuals");
                if (inspection.Violation) figures.Increment("inspections.violations");
                if (inspection.Discipline != Discipline.None) figures.Increment("inspections.disciplined");
                break;
            case SupervisionRecord supervision:
                figures.Increment(supervision.Target == TargetKind.Organization ? "supervisions.organizations" : "supervisions.individuals");
                if (supervision.Mode == SupervisionMode.Thematic) figures.Increment("supervisions.thematic");
                break;
            case StudySessionRecord session:
                figures.Increment("study.classes", session.Classes);
                figures.Increment("study.attendees", session.Attendees);
                break;
            case StudyRegistrationRecord registration:
                figures.Increment("study.registeredMembers", registration.Members);
                break;
            case CommendationRecord commendation:
                figures.Increment($"commendations.{Camel(commendation.Program)}.{Plural(commendation.Recipient)}.{Camel(commendation.Level)}");
                break;
            case MassMobilizationRecord mobilization:
                figures.Increment($"massMobilization.{Plural(mobilization.Registrant)}.{Camel(mobilization.Level)}");
                figures.Increment("massMobilization.models", mobilization.Models.Count);
                foreach (var model in mobilization.Models) figures.Increment($"massMobilization.modelsByField.{Camel(model.Field)}");
                break;
            default:
                throw new InvalidOperationException($"Unknown record {record.GetType()}");
        }
    }

    private static string Plural(RecipientKind kind) => kind == RecipientKind.Collective ? "collectives" : "individuals";

    public static string Camel<TEnum>(TEnum value) where TEnum : struct, Enum
    {
        var name = value.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    public sealed class Expected
    {
        public Figures Orgs { get; } = new();
        public Figures Own { get; } = new();
        public Figures Total { get; } = new();
        public Dictionary<OrgLevel, Figures> ByLevel { get; } = Enum.GetValues<OrgLevel>().ToDictionary(level => level, _ => new Figures());
    }
}

/// <summary>Figures as a flat map from a JSON path ("inspections.organizations") to its value; absent means zero.</summary>
public sealed class Figures
{
    public SortedDictionary<string, long> Values { get; } = new(StringComparer.Ordinal);

    public void Increment(string path, long by = 1) => Values[path] = Values.GetValueOrDefault(path) + by;

    public void AddAll(Figures other)
    {
        foreach (var (path, value) in other.Values) Increment(path, value);
    }

    /// <summary>The non-zero leaves of an object serialized with the API's JSON conventions.</summary>
    public static Figures Of(object value)
    {
        var figures = new Figures();
        Walk(System.Text.Json.JsonSerializer.SerializeToElement(value, HierarchyJson.Options), "", figures);
        return figures;
    }

    private static void Walk(System.Text.Json.JsonElement element, string prefix, Figures figures)
    {
        if (element.ValueKind == System.Text.Json.JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                Walk(property.Value, prefix.Length == 0 ? property.Name : $"{prefix}.{property.Name}", figures);
            }
        }
        else if (element.ValueKind == System.Text.Json.JsonValueKind.Number && element.GetInt64() != 0)
        {
            figures.Values[prefix] = element.GetInt64();
        }
    }

    public override string ToString() => string.Join(", ", Values.Select(pair => $"{pair.Key}={pair.Value}"));

    public Figures NonZero()
    {
        var copy = new Figures();
        foreach (var (path, value) in Values.Where(pair => pair.Value != 0)) copy.Values[path] = value;
        return copy;
    }
}
