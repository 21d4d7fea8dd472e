using DongDa.Hierarchy.Organizations;
using DongDa.Hierarchy.Records;

namespace DongDa.Hierarchy.Grains.Tests;

/// <summary>Builds random district-shaped forests and random records from a seed, so failures reproduce.</summary>
public sealed class RandomHierarchy(int seed, string prefix)
{
    private readonly Random _random = new(seed);
    private int _next;

    public Random Random => _random;

    public HierarchyModel BuildForest(int districts, int maxGrassroots, int maxCells)
    {
        var model = new HierarchyModel();
        for (var d = 0; d < districts; d++)
        {
            var district = NewId("d");
            model.Add(district, Details(OrgLevel.District, null));
            for (var g = _random.Next(2, maxGrassroots + 1); g > 0; g--)
            {
                var grassroots = NewId("g");
                model.Add(grassroots, Details(OrgLevel.Grassroots, district));
                switch (_random.Next(3))
                {
                    case 0:
                        break;
                    case 1:
                        AddCells(model, grassroots, maxCells);
                        break;
                    default:
                        for (var p = _random.Next(1, 4); p > 0; p--)
                        {
                            var partial = NewId("p");
                            model.Add(partial, Details(OrgLevel.Partial, grassroots));
                            AddCells(model, partial, maxCells);
                        }

                        break;
                }
            }
        }

        return model;
    }

    private void AddCells(HierarchyModel model, string parent, int maxCells)
    {
        for (var c = _random.Next(1, maxCells + 1); c > 0; c--)
        {
            model.Add(NewId("c"), Details(OrgLevel.Cell, parent));
        }
    }

    private string NewId(string tag) => $"{prefix}-{tag}{_next++}";

    private OrgDetails Details(OrgLevel level, string? parentId) => new()
    {
        Name = $"Tổ chức {_next:D4} {level}",
        Level = level,
        Kind = level.ToString().ToLowerInvariant(),
        ParentId = parentId,
        MemberCount = _random.Next(5, 200),
    };

    public DateOnly RandomDate() => new DateOnly(2020, 1, 1).AddDays(_random.Next(0, 4 * 365));

    public Metrics.Period RandomPeriod()
    {
        DateOnly? Bound() => _random.Next(4) == 0 ? null : RandomDate();
        var (from, to) = (Bound(), Bound());
        if (from > to) (from, to) = (to, from);
        return new Metrics.Period { From = from, To = to };
    }

    private T Pick<T>() where T : struct, Enum
    {
        var values = Enum.GetValues<T>();
        return values[_random.Next(values.Length)];
    }

    /// <summary>Another random record of the same kind, organization and id: a correction of <paramref name="stored"/>.</summary>
    public OrgRecord RandomCorrection(OrgRecord stored)
    {
        OrgRecord next;
        do next = RandomRecord(stored.OrgId); while (next.Kind != stored.Kind || next.HasSameContentAs(stored with { RecordId = next.RecordId }));
        return next with { RecordId = stored.RecordId };
    }

    public OrgRecord RandomRecord(string orgId)
    {
        var recordId = $"r{_next++}";
        var date = RandomDate();
        switch (_random.Next(6))
        {
            case 0:
                var violation = _random.Next(3) == 0;
                return new InspectionRecord
                {
                    OrgId = orgId, RecordId = recordId, Date = date, Target = Pick<TargetKind>(), TargetName = "Đối tượng",
                    Topic = "Kiểm tra", Violation = violation, Discipline = violation ? Pick<Discipline>() : Discipline.None,
                };
            case 1:
                return new SupervisionRecord
                {
                    OrgId = orgId, RecordId = recordId, Date = date, Target = Pick<TargetKind>(), TargetName = "Đối tượng",
                    Mode = Pick<SupervisionMode>(), Topic = "Giám sát",
                };
            case 2:
                return new StudySessionRecord
                {
                    OrgId = orgId, RecordId = recordId, Date = date, Document = "Nghị quyết", Classes = _random.Next(1, 4),
                    Attendees = _random.Next(0, 500),
                };
            case 3:
                return new StudyRegistrationRecord { OrgId = orgId, RecordId = recordId, Date = date, Members = _random.Next(0, 100) };
            case 4:
                return new CommendationRecord
                {
                    OrgId = orgId, RecordId = recordId, Date = date, Program = Pick<CommendationProgram>(),
                    Recipient = Pick<RecipientKind>(), RecipientName = "Người được khen", Level = Pick<RecognitionLevel>(),
                };
            default:
                return new MassMobilizationRecord
                {
                    OrgId = orgId, RecordId = recordId, Date = date, Registrant = Pick<RecipientKind>(), RegistrantName = "Đăng ký",
                    Level = Pick<RecognitionLevel>(),
                    Models = Enumerable.Range(0, _random.Next(1, 4))
                        .Select(index => new MobilizationModel { Name = $"Mô hình {index}", Field = Pick<MobilizationField>() })
                        .ToArray(),
                };
        }
    }
}
