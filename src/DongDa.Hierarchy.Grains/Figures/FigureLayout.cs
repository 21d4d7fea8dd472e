using DongDa.Hierarchy.Figures;
using DongDa.Hierarchy.Metrics;

namespace DongDa.Hierarchy.Grains.Figures;

/// <summary>
/// The figures of a <see cref="MetricSet"/> as a flat vector, one slot per figure, so that
/// summaries can be kept and added as plain numbers. Four such vectors, one per conductor level,
/// make a subtree's figures.
/// </summary>
internal static class FigureLayout
{
    public const int PerLevel = 34;
    public const int Levels = 4;
    public const int Slots = PerLevel * Levels;

    /// <summary>Not additive: answered from registration points instead of counters.</summary>
    public const int RegisteredOrgs = 9;

    public static long[] Flatten(MetricSet m) =>
    [
        m.Inspections.Organizations, m.Inspections.Individuals, m.Inspections.Violations, m.Inspections.Disciplined,
        m.Supervisions.Organizations, m.Supervisions.Individuals, m.Supervisions.Thematic,
        m.Study.Classes, m.Study.Attendees, m.Study.RegisteredOrgs, m.Study.RegisteredMembers,
        .. Flatten(m.Commendations.HoChiMinhStudy), .. Flatten(m.Commendations.GoodPeopleGoodDeeds),
        .. Flatten(m.MassMobilization.Collectives), .. Flatten(m.MassMobilization.Individuals), m.MassMobilization.Models,
        m.MassMobilization.ModelsByField.Economy, m.MassMobilization.ModelsByField.CultureSociety,
        m.MassMobilization.ModelsByField.SecurityDefense, m.MassMobilization.ModelsByField.PoliticalSystem,
    ];

    private static long[] Flatten(ProgramFigures p) => [.. Flatten(p.Collectives), .. Flatten(p.Individuals)];

    private static long[] Flatten(LevelCounts l) => [l.City, l.District, l.Grassroots];

    public static MetricSet ToMetricSet(ReadOnlySpan<long> v) => new()
    {
        Inspections = new InspectionFigures { Organizations = v[0], Individuals = v[1], Violations = v[2], Disciplined = v[3] },
        Supervisions = new SupervisionFigures { Organizations = v[4], Individuals = v[5], Thematic = v[6] },
        Study = new StudyFigures { Classes = v[7], Attendees = v[8], RegisteredOrgs = v[9], RegisteredMembers = v[10] },
        Commendations = new CommendationFigures { HoChiMinhStudy = Program(v[11..17]), GoodPeopleGoodDeeds = Program(v[17..23]) },
        MassMobilization = new MassMobilizationFigures
        {
            Collectives = LevelsOf(v[23..26]),
            Individuals = LevelsOf(v[26..29]),
            Models = v[29],
            ModelsByField = new FieldCounts { Economy = v[30], CultureSociety = v[31], SecurityDefense = v[32], PoliticalSystem = v[33] },
        },
    };

    private static ProgramFigures Program(ReadOnlySpan<long> v) => new() { Collectives = LevelsOf(v[..3]), Individuals = LevelsOf(v[3..6]) };

    private static LevelCounts LevelsOf(ReadOnlySpan<long> v) => new() { City = v[0], District = v[1], Grassroots = v[2] };
}

/// <summary>How days, levels and figures pack into the keys of a <see cref="FigureDelta"/>.</summary>
internal static class FigureKeys
{
    /// <summary>A counter: day number in the high bits, then the slot (level × figures + figure).</summary>
    public static long Counter(int dayNumber, int slot) => ((long)dayNumber << 8) | (uint)slot;

    public static int DayOf(long counterKey) => (int)(counterKey >> 8);

    public static int SlotOf(long counterKey) => (int)(counterKey & 0xFF);

    /// <summary>
    /// A registration point: an organization registered on <paramref name="day"/> and, before that,
    /// last on <paramref name="previousDay"/> (0 for never). An organization has a registration in
    /// [from, to] exactly when one of its points has from ≤ day ≤ to and previousDay &lt; from, so
    /// counting points counts organizations, additively across subtrees.
    /// </summary>
    public static long Point(int level, int day, int previousDay) => ((long)level << 56) | ((long)day << 28) | (uint)previousDay;

    public static (int Level, int Day, int PreviousDay) Unpack(long pointKey) =>
        ((int)(pointKey >> 56), (int)((pointKey >> 28) & 0xFFF_FFFF), (int)(pointKey & 0xFFF_FFFF));
}
