namespace DongDa.Hierarchy.Metrics;

/// <summary>
/// The figures of the metrics contract for some set of records. Mutable so that a rollup can
/// accumulate into one instance; every part knows how to add another of its kind. Once part of an
/// answer (<see cref="SubtreeRollup"/> passes uncopied within a silo, and grains keep recent
/// answers), an instance must never change again: add into a new one.
/// </summary>
[GenerateSerializer, Alias("dongda.MetricSet")]
public sealed record MetricSet
{
    [Id(0)] public InspectionFigures Inspections { get; init; } = new();
    [Id(1)] public SupervisionFigures Supervisions { get; init; } = new();
    [Id(2)] public StudyFigures Study { get; init; } = new();
    [Id(3)] public CommendationFigures Commendations { get; init; } = new();
    [Id(4)] public MassMobilizationFigures MassMobilization { get; init; } = new();

    public void Add(MetricSet other)
    {
        Inspections.Add(other.Inspections);
        Supervisions.Add(other.Supervisions);
        Study.Add(other.Study);
        Commendations.Add(other.Commendations);
        MassMobilization.Add(other.MassMobilization);
    }
}

[GenerateSerializer, Alias("dongda.InspectionFigures")]
public sealed record InspectionFigures
{
    [Id(0)] public long Organizations { get; set; }
    [Id(1)] public long Individuals { get; set; }
    [Id(2)] public long Violations { get; set; }
    [Id(3)] public long Disciplined { get; set; }

    public void Add(InspectionFigures other)
    {
        Organizations += other.Organizations;
        Individuals += other.Individuals;
        Violations += other.Violations;
        Disciplined += other.Disciplined;
    }
}

[GenerateSerializer, Alias("dongda.SupervisionFigures")]
public sealed record SupervisionFigures
{
    [Id(0)] public long Organizations { get; set; }
    [Id(1)] public long Individuals { get; set; }
    [Id(2)] public long Thematic { get; set; }

    public void Add(SupervisionFigures other)
    {
        Organizations += other.Organizations;
        Individuals += other.Individuals;
        Thematic += other.Thematic;
    }
}

[GenerateSerializer, Alias("dongda.StudyFigures")]
public sealed record StudyFigures
{
    [Id(0)] public long Classes { get; set; }
    [Id(1)] public long Attendees { get; set; }

    /// <summary>Organizations with at least one study registration in the period; each organization counts once.</summary>
    [Id(2)] public long RegisteredOrgs { get; set; }
    [Id(3)] public long RegisteredMembers { get; set; }

    public void Add(StudyFigures other)
    {
        Classes += other.Classes;
        Attendees += other.Attendees;
        RegisteredOrgs += other.RegisteredOrgs;
        RegisteredMembers += other.RegisteredMembers;
    }
}

[GenerateSerializer, Alias("dongda.CommendationFigures")]
public sealed record CommendationFigures
{
    [Id(0)] public ProgramFigures HoChiMinhStudy { get; init; } = new();
    [Id(1)] public ProgramFigures GoodPeopleGoodDeeds { get; init; } = new();

    public void Add(CommendationFigures other)
    {
        HoChiMinhStudy.Add(other.HoChiMinhStudy);
        GoodPeopleGoodDeeds.Add(other.GoodPeopleGoodDeeds);
    }
}

[GenerateSerializer, Alias("dongda.ProgramFigures")]
public sealed record ProgramFigures
{
    [Id(0)] public LevelCounts Collectives { get; init; } = new();
    [Id(1)] public LevelCounts Individuals { get; init; } = new();

    public void Add(ProgramFigures other)
    {
        Collectives.Add(other.Collectives);
        Individuals.Add(other.Individuals);
    }
}

[GenerateSerializer, Alias("dongda.MassMobilizationFigures")]
public sealed record MassMobilizationFigures
{
    [Id(0)] public LevelCounts Collectives { get; init; } = new();
    [Id(1)] public LevelCounts Individuals { get; init; } = new();
    [Id(2)] public long Models { get; set; }
    [Id(3)] public FieldCounts ModelsByField { get; init; } = new();

    public void Add(MassMobilizationFigures other)
    {
        Collectives.Add(other.Collectives);
        Individuals.Add(other.Individuals);
        Models += other.Models;
        ModelsByField.Add(other.ModelsByField);
    }
}

/// <summary>Counts split by the level that recognized or commended (city, district, grassroots).</summary>
[GenerateSerializer, Alias("dongda.LevelCounts")]
public sealed record LevelCounts
{
    [Id(0)] public long City { get; set; }
    [Id(1)] public long District { get; set; }
    [Id(2)] public long Grassroots { get; set; }

    public void Add(LevelCounts other)
    {
        City += other.City;
        District += other.District;
        Grassroots += other.Grassroots;
    }

    public void Increment(Records.RecognitionLevel level)
    {
        switch (level)
        {
            case Records.RecognitionLevel.City: City++; break;
            case Records.RecognitionLevel.District: District++; break;
            case Records.RecognitionLevel.Grassroots: Grassroots++; break;
        }
    }
}

[GenerateSerializer, Alias("dongda.FieldCounts")]
public sealed record FieldCounts
{
    [Id(0)] public long Economy { get; set; }
    [Id(1)] public long CultureSociety { get; set; }
    [Id(2)] public long SecurityDefense { get; set; }
    [Id(3)] public long PoliticalSystem { get; set; }

    public void Add(FieldCounts other)
    {
        Economy += other.Economy;
        CultureSociety += other.CultureSociety;
        SecurityDefense += other.SecurityDefense;
        PoliticalSystem += other.PoliticalSystem;
    }

    public void Increment(Records.MobilizationField field)
    {
        switch (field)
        {
            case Records.MobilizationField.Economy: Economy++; break;
            case Records.MobilizationField.CultureSociety: CultureSociety++; break;
            case Records.MobilizationField.SecurityDefense: SecurityDefense++; break;
            case Records.MobilizationField.PoliticalSystem: PoliticalSystem++; break;
        }
    }
}
