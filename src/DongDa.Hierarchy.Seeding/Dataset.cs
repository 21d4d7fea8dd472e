using System.Text.Json;
using DongDa.Hierarchy.Records;

namespace DongDa.Hierarchy.Seeding;

/// <summary>
/// The Đống Đa dataset shipped with the code as readable JSON files (see Data/): organizations,
/// parents before children, and the records of each kind in the shape of the API's request bodies.
/// </summary>
public sealed class Dataset
{
    /// <summary>Names the dataset in the seed ledger; change it only with a migration story.</summary>
    public const string Version = "dong-da-2020-2025-midterm";

    /// <summary>The term the dataset covers, October 2020 to September 2025: the page's default period.</summary>
    public static Metrics.Period Term { get; } = new() { From = new DateOnly(2020, 10, 1), To = new DateOnly(2025, 9, 30) };

    /// <summary>The first half of the term, the period of the mid-term report the dataset reproduces.</summary>
    public static Metrics.Period FirstHalf { get; } = new() { From = Term.From, To = new DateOnly(2022, 12, 31) };

    public required IReadOnlyList<SeedOrganization> Organizations { get; init; }
    public required IReadOnlyList<OrgRecord> Records { get; init; }

    /// <summary>The ids of the dataset's top organizations.</summary>
    public IReadOnlyList<string> Roots => RootsOf(Organizations);

    /// <summary>The ids of the dataset's top organizations, read without its records.</summary>
    public static IReadOnlyList<string> EmbeddedRoots() => RootsOf(Read<SeedOrganization>("organizations.json"));

    private static List<string> RootsOf(IEnumerable<SeedOrganization> organizations) =>
        organizations.Where(org => org.ParentId is null).Select(org => org.Id).ToList();

    public static Dataset LoadEmbedded()
    {
        var records = new List<OrgRecord>();
        records.AddRange(Read<InspectionRecord>("inspections.json"));
        records.AddRange(Read<SupervisionRecord>("supervisions.json"));
        records.AddRange(Read<StudySessionRecord>("study-sessions.json"));
        records.AddRange(Read<StudyRegistrationRecord>("study-registrations.json"));
        records.AddRange(Read<CommendationRecord>("commendations.json"));
        records.AddRange(Read<MassMobilizationRecord>("mass-mobilization.json"));
        return new Dataset { Organizations = Read<SeedOrganization>("organizations.json"), Records = records };
    }

    private static List<T> Read<T>(string resource)
    {
        using var stream = typeof(Dataset).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The dataset file {resource} is not embedded.");
        return JsonSerializer.Deserialize<List<T>>(stream, HierarchyJson.Options)
            ?? throw new InvalidOperationException($"The dataset file {resource} is empty.");
    }
}
