namespace DongDa.Hierarchy.Records;

/// <summary>The six kinds of record an organization holds.</summary>
public enum RecordKind
{
    Inspection,
    Supervision,
    StudySession,
    StudyRegistration,
    Commendation,
    MassMobilization,
}

/// <summary>Whether inspection or supervision targets an organization or an individual member.</summary>
public enum TargetKind
{
    Organization,
    Individual,
}

/// <summary>The disciplinary form decided after an inspection.</summary>
public enum Discipline
{
    None,
    Reprimand,
    Warning,
    Dismissal,
    Expulsion,
}

/// <summary>Regular (thường xuyên) or thematic (chuyên đề) supervision.</summary>
public enum SupervisionMode
{
    Regular,
    Thematic,
}

/// <summary>The commendation programmes of the article.</summary>
public enum CommendationProgram
{
    /// <summary>Điển hình học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.</summary>
    HoChiMinhStudy,

    /// <summary>Người tốt, việc tốt.</summary>
    GoodPeopleGoodDeeds,
}

/// <summary>A collective (tập thể) or an individual (cá nhân).</summary>
public enum RecipientKind
{
    Collective,
    Individual,
}

/// <summary>The level that commends or recognizes.</summary>
public enum RecognitionLevel
{
    City,
    District,
    Grassroots,
}

/// <summary>The fields of “Dân vận khéo” models.</summary>
public enum MobilizationField
{
    Economy,
    CultureSociety,
    SecurityDefense,
    PoliticalSystem,
}
