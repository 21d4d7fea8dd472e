using DongDa.Hierarchy.Records;

namespace DongDa.Hierarchy.Host.Api.Requests;

public sealed record InspectionRequest : IRecordRequest
{
    public static RecordKind Kind => RecordKind.Inspection;

    public string? RecordId { get; init; }
    public DateOnly? Date { get; init; }
    public TargetKind? Target { get; init; }
    public string? TargetName { get; init; }
    public string? TargetOrgId { get; init; }
    public string? Topic { get; init; }
    public bool? Violation { get; init; }
    public Discipline? Discipline { get; init; }

    public void Validate(ValidationErrors errors)
    {
        errors.RecordId("recordId", RecordId);
        errors.Date("date", Date);
        errors.Required("target", Target);
        errors.RequiredText("targetName", TargetName, ApiLimits.MaxNameLength);
        errors.OrgId("targetOrgId", TargetOrgId, required: false);
        errors.RequiredText("topic", Topic, ApiLimits.MaxTextLength);
        errors.Required("violation", Violation);
        errors.Required("discipline", Discipline);
        if (Violation == false && Discipline is { } discipline && discipline != Records.Discipline.None)
        {
            errors.Add("discipline", "A disciplinary form needs a violation: set violation to true or discipline to none.");
        }
    }

    public OrgRecord ToRecord(string orgId, string recordId) => new InspectionRecord
    {
        OrgId = orgId,
        RecordId = recordId,
        Date = Date!.Value,
        Target = Target!.Value,
        TargetName = TargetName!,
        TargetOrgId = TargetOrgId,
        Topic = Topic!,
        Violation = Violation!.Value,
        Discipline = Discipline!.Value,
    };
}
