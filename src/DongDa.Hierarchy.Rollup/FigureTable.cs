namespace DongDa.Hierarchy.Rollup;

/// <summary>How a figure adds up over a subtree.</summary>
public enum FigureSum
{
    /// <summary>Added up from every record that counts towards it.</summary>
    Count,

    /// <summary>Organizations with at least one such record in the period: each organization counts once, however many it has.</summary>
    Organizations,
}

/// <summary>A heading the figures are shown under, in the order of the article's sections.</summary>
public sealed record FigureGroup(string Key, string Vietnamese, string English);

/// <summary>
/// One figure of the metrics contract. <see cref="Name"/> is its path in the JSON answer; a figure
/// split by recognition level (city, district, grassroots) is three numbers under that path, shown
/// as one, their sum.
/// </summary>
public sealed record Figure(string Name, FigureGroup Group, string Vietnamese, string English, bool ByRecognitionLevel = false, FigureSum Sum = FigureSum.Count);

/// <summary>
/// Every figure, named once: the order of the slots figures are kept and added in, the JSON names
/// of the answers (checked against the answer type when the grains start), and the page's labels
/// all come from here. A figure's position is its slot in stored counters: add new figures at the
/// end, never reorder or remove one.
/// </summary>
public static class FigureTable
{
    public static readonly FigureGroup Study = new("study", "Học tập, quán triệt nghị quyết", "Study of resolutions");
    public static readonly FigureGroup HoChiMinh = new("hcm", "Học tập và làm theo Bác; khen thưởng", "Hồ Chí Minh study and commendations");
    public static readonly FigureGroup Inspection = new("inspection", "Kiểm tra, giám sát", "Inspection and supervision");
    public static readonly FigureGroup Mobilization = new("mobilization", "Dân vận khéo", "Skilled mass mobilization");

    /// <summary>The groups in the order the article tells them.</summary>
    public static IReadOnlyList<FigureGroup> Groups { get; } = [Study, HoChiMinh, Inspection, Mobilization];

    public static IReadOnlyList<Figure> Figures { get; } =
    [
        new("inspections.organizations", Inspection, "Tổ chức đảng được kiểm tra", "Party organizations inspected"),
        new("inspections.individuals", Inspection, "Đảng viên được kiểm tra", "Members inspected"),
        new("inspections.violations", Inspection, "Trường hợp vi phạm", "Violations found"),
        new("inspections.disciplined", Inspection, "Bị kỷ luật", "Disciplined"),
        new("supervisions.organizations", Inspection, "Tổ chức đảng được giám sát", "Party organizations supervised"),
        new("supervisions.individuals", Inspection, "Đảng viên được giám sát", "Members supervised"),
        new("supervisions.thematic", Inspection, "Giám sát chuyên đề", "Thematic supervisions"),
        new("study.classes", Study, "Lớp học tập nghị quyết", "Study classes"),
        new("study.attendees", Study, "Lượt đảng viên tham gia", "Attendances"),
        new("study.registeredOrgs", Study, "Tổ chức đăng ký làm theo Bác", "Organizations registered for Hồ Chí Minh study", Sum: FigureSum.Organizations),
        new("study.registeredMembers", Study, "Đảng viên đăng ký", "Members registered"),
        new("commendations.hoChiMinhStudy.collectives", HoChiMinh, "Tập thể điển hình học tập Bác", "Hồ Chí Minh study: exemplary collectives", ByRecognitionLevel: true),
        new("commendations.hoChiMinhStudy.individuals", HoChiMinh, "Cá nhân điển hình học tập Bác", "Hồ Chí Minh study: exemplary individuals", ByRecognitionLevel: true),
        new("commendations.goodPeopleGoodDeeds.collectives", HoChiMinh, "Tập thể “người tốt, việc tốt”", "Good people, good deeds: collectives", ByRecognitionLevel: true),
        new("commendations.goodPeopleGoodDeeds.individuals", HoChiMinh, "Cá nhân “người tốt, việc tốt”", "Good people, good deeds: individuals", ByRecognitionLevel: true),
        new("massMobilization.collectives", Mobilization, "Tập thể “Dân vận khéo”", "Mass mobilization: collectives", ByRecognitionLevel: true),
        new("massMobilization.individuals", Mobilization, "Cá nhân “Dân vận khéo”", "Mass mobilization: individuals", ByRecognitionLevel: true),
        new("massMobilization.models", Mobilization, "Mô hình “Dân vận khéo”", "Mass mobilization models"),
        new("massMobilization.modelsByField.economy", Mobilization, "Mô hình lĩnh vực kinh tế", "Models in the economy"),
        new("massMobilization.modelsByField.cultureSociety", Mobilization, "Mô hình lĩnh vực văn hóa – xã hội", "Models in culture and society"),
        new("massMobilization.modelsByField.securityDefense", Mobilization, "Mô hình lĩnh vực an ninh quốc phòng", "Models in security and defence"),
        new("massMobilization.modelsByField.politicalSystem", Mobilization, "Mô hình xây dựng hệ thống chính trị", "Models in building the political system"),
    ];

    /// <summary>The JSON names under a figure split by recognition level, in slot order.</summary>
    public static IReadOnlyList<string> RecognitionLevels { get; } = ["city", "district", "grassroots"];

    /// <summary>Each slot's full JSON path, in slot order: one per figure, or one per recognition level of a split figure.</summary>
    public static IReadOnlyList<string> Slots { get; } =
        [.. Figures.SelectMany(figure => figure.ByRecognitionLevel ? RecognitionLevels.Select(level => $"{figure.Name}.{level}") : [figure.Name])];

    /// <summary>The one figure that counts organizations rather than records; a subtree answers it from registration points.</summary>
    public static int OrganizationsSlot { get; } = Slots.ToList().IndexOf(Figures.Single(figure => figure.Sum == FigureSum.Organizations).Name);
}
