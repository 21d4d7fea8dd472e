using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using DongDa.Hierarchy.Validation;
using DongDa.Hierarchy.Metrics;

namespace DongDa.Hierarchy.Records;

/// <summary>
/// A record of work conducted by the organization that holds it, in one of its revisions. What is
/// stored is never changed: a correction or a withdrawal is stored as the next revision under the
/// same <see cref="RecordId"/>, and the last revision is the record. Its properties carry the rules
/// a client's record must meet; a POST or PUT body is read as the record itself.
/// </summary>
[GenerateSerializer, Immutable, Alias("dongda.OrgRecord")]
public abstract record OrgRecord
{
    [Id(0), JsonPropertyOrder(-4)] public required string OrgId { get; init; }
    [Id(1), JsonPropertyOrder(-3), RecordId] public required string RecordId { get; init; }
    [Id(2), JsonPropertyOrder(-2), Day] public required DateOnly Date { get; init; }

    /// <summary>When the server accepted the record; not part of its content.</summary>
    [Id(3), JsonPropertyOrder(100)] public DateTimeOffset RecordedAt { get; init; }

    /// <summary>Who the server accepted the record from (the token's subject); not part of its content.</summary>
    [Id(4), JsonPropertyOrder(101)] public string? RecordedBy { get; init; }

    /// <summary>0 as first stored; each correction or withdrawal is the next. Written only once corrected.</summary>
    [Id(5), JsonPropertyOrder(102), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int Revision { get; init; }

    /// <summary>Why the record was withdrawn; null while it counts.</summary>
    [Id(6), JsonPropertyOrder(103), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? WithdrawnReason { get; init; }

    [JsonIgnore] public bool IsWithdrawn => WithdrawnReason is not null;

    [JsonIgnore] public abstract RecordKind Kind { get; }

    /// <summary>Adds this record's contribution to <paramref name="metrics"/>.</summary>
    public abstract void AddTo(MetricSet metrics);

    /// <summary>Whether <paramref name="other"/> carries the same client-supplied content (ignores who stored which revision when, and whether it is withdrawn).</summary>
    public bool HasSameContentAs(OrgRecord other) => Content(this) == Content(other);

    private static OrgRecord Content(OrgRecord record) => record with { RecordedAt = default, RecordedBy = null, Revision = 0, WithdrawnReason = null };
}

[GenerateSerializer, Immutable, Alias("dongda.InspectionRecord")]
public sealed record InspectionRecord : OrgRecord, IValidatableObject
{
    [Id(0)] public required TargetKind Target { get; init; }
    [Id(1), Text(InputRules.MaxNameLength)] public required string TargetName { get; init; }
    [Id(2), OrgId] public string? TargetOrgId { get; init; }
    [Id(3), Text(InputRules.MaxTextLength)] public required string Topic { get; init; }
    [Id(4)] public required bool Violation { get; init; }
    [Id(5)] public required Discipline Discipline { get; init; }

    [JsonIgnore] public override RecordKind Kind => RecordKind.Inspection;

    public override void AddTo(MetricSet metrics)
    {
        var figures = metrics.Inspections;
        if (Target == TargetKind.Organization) figures.Organizations++; else figures.Individuals++;
        if (Violation) figures.Violations++;
        if (Discipline != Discipline.None) figures.Disciplined++;
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (!Violation && Discipline != Discipline.None)
        {
            yield return new ValidationResult("A disciplinary form needs a violation: set violation to true or discipline to none.", [nameof(Discipline)]);
        }
    }
}

[GenerateSerializer, Immutable, Alias("dongda.SupervisionRecord")]
public sealed record SupervisionRecord : OrgRecord
{
    [Id(0)] public required TargetKind Target { get; init; }
    [Id(1), Text(InputRules.MaxNameLength)] public required string TargetName { get; init; }
    [Id(2), OrgId] public string? TargetOrgId { get; init; }
    [Id(3)] public required SupervisionMode Mode { get; init; }
    [Id(4), Text(InputRules.MaxTextLength)] public required string Topic { get; init; }

    [JsonIgnore] public override RecordKind Kind => RecordKind.Supervision;

    public override void AddTo(MetricSet metrics)
    {
        var figures = metrics.Supervisions;
        if (Target == TargetKind.Organization) figures.Organizations++; else figures.Individuals++;
        if (Mode == SupervisionMode.Thematic) figures.Thematic++;
    }
}

[GenerateSerializer, Immutable, Alias("dongda.StudySessionRecord")]
public sealed record StudySessionRecord : OrgRecord
{
    [Id(0), Text(InputRules.MaxTextLength)] public required string Document { get; init; }
    [Id(1), Range(1, InputRules.MaxCount, ErrorMessage = InputRules.RangeMessage)] public required int Classes { get; init; }
    [Id(2), Range(0, InputRules.MaxCount, ErrorMessage = InputRules.RangeMessage)] public required int Attendees { get; init; }

    [JsonIgnore] public override RecordKind Kind => RecordKind.StudySession;

    public override void AddTo(MetricSet metrics)
    {
        metrics.Study.Classes += Classes;
        metrics.Study.Attendees += Attendees;
    }
}

/// <summary>
/// A Hồ Chí Minh study registration. It adds its members; whether the organization counts as
/// registered is decided per organization, not per record (see <see cref="StudyFigures.RegisteredOrgs"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("dongda.StudyRegistrationRecord")]
public sealed record StudyRegistrationRecord : OrgRecord
{
    [Id(0), Range(0, InputRules.MaxCount, ErrorMessage = InputRules.RangeMessage)] public required int Members { get; init; }

    [JsonIgnore] public override RecordKind Kind => RecordKind.StudyRegistration;

    public override void AddTo(MetricSet metrics) => metrics.Study.RegisteredMembers += Members;
}

[GenerateSerializer, Immutable, Alias("dongda.CommendationRecord")]
public sealed record CommendationRecord : OrgRecord
{
    [Id(0)] public required CommendationProgram Program { get; init; }
    [Id(1)] public required RecipientKind Recipient { get; init; }
    [Id(2), Text(InputRules.MaxNameLength)] public required string RecipientName { get; init; }
    [Id(3)] public required RecognitionLevel Level { get; init; }

    [JsonIgnore] public override RecordKind Kind => RecordKind.Commendation;

    public override void AddTo(MetricSet metrics)
    {
        var program = Program == CommendationProgram.HoChiMinhStudy
            ? metrics.Commendations.HoChiMinhStudy
            : metrics.Commendations.GoodPeopleGoodDeeds;
        (Recipient == RecipientKind.Collective ? program.Collectives : program.Individuals).Increment(Level);
    }
}

/// <summary>One “Dân vận khéo” model and its field.</summary>
[GenerateSerializer, Immutable, Alias("dongda.MobilizationModel")]
public sealed record MobilizationModel
{
    [Id(0), Text(InputRules.MaxNameLength)] public required string Name { get; init; }
    [Id(1)] public required MobilizationField Field { get; init; }
}

[GenerateSerializer, Immutable, Alias("dongda.MassMobilizationRecord")]
public sealed record MassMobilizationRecord : OrgRecord
{
    [Id(0)] public required RecipientKind Registrant { get; init; }
    [Id(1), Text(InputRules.MaxNameLength)] public required string RegistrantName { get; init; }
    [Id(2)] public required RecognitionLevel Level { get; init; }

    [Id(3), Length(1, InputRules.MaxModelsPerRecord, ErrorMessage = "Between {1} and {2} models.")]
    public required IReadOnlyList<MobilizationModel> Models { get; init; }

    [JsonIgnore] public override RecordKind Kind => RecordKind.MassMobilization;

    public override void AddTo(MetricSet metrics)
    {
        var figures = metrics.MassMobilization;
        (Registrant == RecipientKind.Collective ? figures.Collectives : figures.Individuals).Increment(Level);
        figures.Models += Models.Count;
        foreach (var model in Models)
        {
            figures.ModelsByField.Increment(model.Field);
        }
    }

    // Record equality compares the list by reference; content equality needs the models compared in order.
    public bool Equals(MassMobilizationRecord? other) =>
        other is not null
        && base.Equals(other)
        && Registrant == other.Registrant
        && RegistrantName == other.RegistrantName
        && Level == other.Level
        && Models.SequenceEqual(other.Models);

    public override int GetHashCode() => HashCode.Combine(base.GetHashCode(), Registrant, RegistrantName, Level, Models.Count);
}
