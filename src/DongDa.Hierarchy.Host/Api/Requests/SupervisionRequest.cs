using DongDa.Hierarchy.Records;

namespace DongDa.Hierarchy.Host.Api.Requests;

public sealed record SupervisionRequest : IRecordRequest
{
    public static RecordKind Kind => RecordKind.Supervision;

    public string? RecordId { get; init; }
    public DateOnly? Date { get; init; }
    public TargetKind? Target { get; init; }
    public string? TargetName { get; init; }
    public string? TargetOrgId { get; init; }
    public SupervisionMode? Mode { get; init; }
    public string? Topic { get; init; }

    public void Validate(ValidationErrors errors)
    {
        errors.RecordId("recordId", RecordId);
        errors.Date("date", Date);
        errors.Required("target", Target);
        errors.RequiredText("targetName", TargetName, ApiLimits.MaxNameLength);
        errors.OrgId("targetOrgId", TargetOrgId, required: false);
        errors.Required("mode", Mode);
        errors.RequiredText("topic", Topic, ApiLimits.MaxTextLength);
    }

    public OrgRecord ToRecord(string orgId, string recordId) => new SupervisionRecord
    {
        OrgId = orgId,
        RecordId = recordId,
        Date = Date!.Value,
        Target = Target!.Value,
        TargetName = TargetName!,
        TargetOrgId = TargetOrgId,
        Mode = Mode!.Value,
        Topic = Topic!,
    };
}
