using DongDa.Hierarchy.Records;

namespace DongDa.Hierarchy.Host.Api.Requests;

public sealed record StudyRegistrationRequest : IRecordRequest
{
    public static RecordKind Kind => RecordKind.StudyRegistration;

    public string? RecordId { get; init; }
    public DateOnly? Date { get; init; }
    public int? Members { get; init; }

    public void Validate(ValidationErrors errors)
    {
        errors.RecordId("recordId", RecordId);
        errors.Date("date", Date);
        errors.Range("members", Members, 0, ApiLimits.MaxCount);
    }

    public OrgRecord ToRecord(string orgId, string recordId) => new StudyRegistrationRecord
    {
        OrgId = orgId,
        RecordId = recordId,
        Date = Date!.Value,
        Members = Members!.Value,
    };
}
