using DongDa.Hierarchy.Organizations;
using DongDa.Hierarchy.Records;

namespace DongDa.Hierarchy.Benchmarks;

public sealed record GeneratedOrg(string Id, OrgLevel Level, string? ParentId);

/// <summary>
/// A district-shaped hierarchy from a seed: one district, grassroots organizations of about forty
/// members each, a third of them with partial committees, cells below, and on average 100 records
/// per organization over the 2020–2025 term.
/// </summary>
public sealed class DistrictGenerator(int organizations, int seed = 2020)
{
    public static readonly DateOnly TermStart = new(2020, 10, 1);
    public static readonly DateOnly TermEnd = new(2025, 9, 30);

    public List<GeneratedOrg> Organizations { get; } = [];

    public List<GeneratedOrg> Generate()
    {
        var random = new Random(seed);
        Organizations.Add(new GeneratedOrg("bench", OrgLevel.District, null));
        while (Organizations.Count < organizations)
        {
            var grassroots = $"g{Organizations.Count}";
            Organizations.Add(new GeneratedOrg(grassroots, OrgLevel.Grassroots, "bench"));
            var budget = Math.Min(39, organizations - Organizations.Count);
            if (random.Next(3) == 0)
            {
                for (var p = 0; p < 3 && budget > 0; p++)
                {
                    var partial = $"p{Organizations.Count}";
                    Organizations.Add(new GeneratedOrg(partial, OrgLevel.Partial, grassroots));
                    budget--;
                    for (var c = 0; c < 12 && budget > 0; c++, budget--) Organizations.Add(new GeneratedOrg($"c{Organizations.Count}", OrgLevel.Cell, partial));
                }
            }
            else
            {
                for (; budget > 0; budget--) Organizations.Add(new GeneratedOrg($"c{Organizations.Count}", OrgLevel.Cell, grassroots));
            }
        }

        return Organizations;
    }

    /// <summary>The records of one organization, the same for the same seed and id.</summary>
    public static List<OrgRecord> RecordsFor(string orgId, int count, int seed)
    {
        var random = new Random(HashCode.Combine(seed, orgId.GetHashCode(StringComparison.Ordinal)));
        return Enumerable.Range(0, count).Select(index => RandomRecord(random, orgId, $"r{index}")).ToList();
    }

    public static int RecordCountFor(string orgId, int seed) =>
        new Random(HashCode.Combine(seed, orgId.GetHashCode(StringComparison.Ordinal), 7)).Next(50, 151);

    public static OrgRecord RandomRecord(Random random, string orgId, string recordId)
    {
        var date = TermStart.AddDays(random.Next(TermEnd.DayNumber - TermStart.DayNumber + 1));
        T Pick<T>() where T : struct, Enum { var values = Enum.GetValues<T>(); return values[random.Next(values.Length)]; }
        switch (random.Next(20))
        {
            case < 5:
                var violation = random.Next(5) == 0;
                return new InspectionRecord
                {
                    OrgId = orgId, RecordId = recordId, Date = date, Target = Pick<TargetKind>(), TargetName = "Đối tượng kiểm tra",
                    Topic = "Kiểm tra việc thực hiện nghị quyết", Violation = violation, Discipline = violation ? Pick<Discipline>() : Discipline.None,
                };
            case < 10:
                return new SupervisionRecord
                {
                    OrgId = orgId, RecordId = recordId, Date = date, Target = Pick<TargetKind>(), TargetName = "Đối tượng giám sát",
                    Mode = Pick<SupervisionMode>(), Topic = "Giám sát chuyên đề",
                };
            case < 13:
                return new StudySessionRecord
                {
                    OrgId = orgId, RecordId = recordId, Date = date, Document = "Nghị quyết Đại hội XIII", Classes = random.Next(1, 4),
                    Attendees = random.Next(10, 300),
                };
            case 13:
                return new StudyRegistrationRecord { OrgId = orgId, RecordId = recordId, Date = date, Members = random.Next(5, 120) };
            case < 17:
                return new CommendationRecord
                {
                    OrgId = orgId, RecordId = recordId, Date = date, Program = Pick<CommendationProgram>(), Recipient = Pick<RecipientKind>(),
                    RecipientName = "Người được khen", Level = Pick<RecognitionLevel>(),
                };
            default:
                return new MassMobilizationRecord
                {
                    OrgId = orgId, RecordId = recordId, Date = date, Registrant = Pick<RecipientKind>(), RegistrantName = "Người đăng ký",
                    Level = Pick<RecognitionLevel>(),
                    Models = Enumerable.Range(0, random.Next(1, 3))
                        .Select(index => new MobilizationModel { Name = $"Mô hình {index}", Field = Pick<MobilizationField>() }).ToArray(),
                };
        }
    }
}
