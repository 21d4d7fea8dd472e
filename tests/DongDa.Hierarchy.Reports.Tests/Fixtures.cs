using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using DongDa.Hierarchy.Metrics;
using DongDa.Hierarchy.Organizations;

namespace DongDa.Hierarchy.Reports.Tests;

/// <summary>Organizations, figures and report inputs made by hand, and ways to read a generated report back.</summary>
internal static class Fixtures
{
    public static ReportTemplates Templates { get; } = ReportTemplates.LoadDefault();

    public static readonly Period Term = new() { From = new DateOnly(2020, 10, 1), To = new DateOnly(2022, 12, 31) };

    public static readonly DateOnly Today = new(2025, 3, 5);

    public static OrgSnapshot Org(string id, string name, OrgLevel level, string kind = "ward", string? parentId = null) => new()
    {
        Id = id,
        Details = new OrgDetails { Name = name, Level = level, Kind = kind, ParentId = parentId, MemberCount = 100 },
        ChildIds = [],
    };

    public static SubtreeRollup RollupOf(OrgSnapshot org, ConductorLevelMetrics byLevel, OrgCounts? orgs = null) => new()
    {
        Org = org,
        Orgs = orgs ?? new OrgCounts { Total = 1 },
        Own = byLevel.For(org.Details.Level),
        ByConductorLevel = byLevel,
    };

    /// <summary>
    /// The district's figures for the term as the seeded dataset holds them (domain.md, S1–S12):
    /// the district's own work and that of its grassroots organizations.
    /// </summary>
    public static ConductorLevelMetrics SeededDistrict() => new()
    {
        District = new MetricSet
        {
            Study = { Classes = 24, Attendees = 10_479 },
            Commendations =
            {
                HoChiMinhStudy = { Collectives = { District = 15 }, Individuals = { District = 25 } },
                GoodPeopleGoodDeeds = { Individuals = { District = 343, City = 27 } },
            },
            Inspections = { Organizations = 30, Individuals = 15, Violations = 8, Disciplined = 4 },
            Supervisions = { Organizations = 21, Individuals = 23, Thematic = 18 },
        },
        Grassroots = new MetricSet
        {
            Inspections = { Organizations = 102, Violations = 2, Disciplined = 1 },
            Supervisions = { Organizations = 158, Thematic = 58 },
            Study = { RegisteredOrgs = 63, RegisteredMembers = 18_234 },
            MassMobilization =
            {
                Collectives = { City = 3, District = 59, Grassroots = 260 },
                Individuals = { City = 1, District = 34, Grassroots = 327 },
                Models = 706,
                ModelsByField = { Economy = 180, CultureSociety = 250, SecurityDefense = 156, PoliticalSystem = 120 },
            },
        },
    };

    public static readonly OrgCounts DistrictOrgs = new() { Total = 477, District = 1, Grassroots = 63, Partial = 12, Cell = 401 };

    public static ReportInput District(string language = "vi")
    {
        var district = Org("dong-da", "Đảng bộ quận Đống Đa", OrgLevel.District, "district");
        var previous = new ConductorLevelMetrics { District = new MetricSet { Study = { Classes = 12, Attendees = 5_000 } } };
        return new ReportInput
        {
            Current = RollupOf(district, SeededDistrict(), DistrictOrgs),
            Previous = RollupOf(district, previous, DistrictOrgs),
            Children =
            [
                RollupOf(Org("phuong-cat-linh", "Đảng bộ phường Cát Linh", OrgLevel.Grassroots), new ConductorLevelMetrics()),
                RollupOf(
                    Org("phuong-lang-thuong", "Đảng bộ phường Láng Thượng", OrgLevel.Grassroots),
                    new ConductorLevelMetrics { Grassroots = new MetricSet { Inspections = { Organizations = 7 }, Study = { RegisteredOrgs = 1 } } }),
                RollupOf(
                    Org("truong-thcs-dong-da", "Chi bộ Trường THCS Đống Đa", OrgLevel.Grassroots, "school"),
                    new ConductorLevelMetrics { Grassroots = new MetricSet { Supervisions = { Organizations = 2 } } }),
            ],
            Period = Term,
            Today = Today,
            Language = language,
        };
    }

    public static ReportInput Cell()
    {
        var cell = Org("phuong-cat-linh-cb-01", "Chi bộ tổ dân phố số 1 phường Cát Linh", OrgLevel.Cell, "residential", "phuong-cat-linh");
        var figures = new ConductorLevelMetrics { Cell = new MetricSet { Supervisions = { Individuals = 3 }, Study = { RegisteredMembers = 28 } } };
        return new ReportInput
        {
            Current = RollupOf(cell, figures),
            Previous = RollupOf(cell, new ConductorLevelMetrics()),
            Children = [],
            ParentName = "Đảng bộ phường Cát Linh",
            Period = Term,
            Today = Today,
        };
    }

    /// <summary>A report whose every figure, now and before, is zero.</summary>
    public static ReportInput Empty(OrgSnapshot org, string? parentName) => new()
    {
        Current = RollupOf(org, new ConductorLevelMetrics(), new OrgCounts { Total = 1 }),
        Previous = RollupOf(org, new ConductorLevelMetrics(), new OrgCounts { Total = 1 }),
        Children = [RollupOf(Org("child", "Chi bộ Khu dân cư số 2", OrgLevel.Cell), new ConductorLevelMetrics())],
        ParentName = parentName,
        Period = Term,
        Today = Today,
    };

    public static WordprocessingDocument Docx(ReportInput input) =>
        WordprocessingDocument.Open(new MemoryStream(DocxReport.Render(ReportText.Build(input, Templates))), isEditable: false);

    /// <summary>The texts of the paragraphs of the body, in order, those inside tables included.</summary>
    public static IReadOnlyList<string> Paragraphs(WordprocessingDocument document) =>
        [.. document.MainDocumentPart!.Document!.Body!.Descendants<Paragraph>().Select(paragraph => paragraph.InnerText)];

    /// <summary>The text of the section whose heading starts with <paramref name="number"/> ("1."), up to the next heading or the closing.</summary>
    public static string Section(IReadOnlyList<string> paragraphs, string number)
    {
        var start = IndexOf(paragraphs, number);
        var next = (int.Parse(number.TrimEnd('.')) + 1) + ".";
        var end = paragraphs.Skip(start + 1).Any(p => p.StartsWith(next, StringComparison.Ordinal))
            ? IndexOf(paragraphs, next)
            : paragraphs.Select((p, i) => (p, i)).First(x => x.i > start && x.p.StartsWith("Trên đây", StringComparison.Ordinal) || x.i > start && x.p.StartsWith("This is", StringComparison.Ordinal)).i;
        return string.Join("\n", paragraphs.Skip(start).Take(end - start));
    }

    public static Run RunWithText(WordprocessingDocument document, string text) =>
        document.MainDocumentPart!.Document!.Body!.Descendants<Run>().Single(run => run.InnerText == text);

    private static int IndexOf(IReadOnlyList<string> paragraphs, string start) =>
        paragraphs.Select((p, i) => (p, i)).First(x => x.p.StartsWith(start, StringComparison.Ordinal)).i;
}
