using DongDa.Hierarchy.Records;

namespace DongDa.Hierarchy.Host.Api.Requests;

public sealed record StudySessionRequest : IRecordRequest
{
    public static RecordKind Kind => RecordKind.StudySession;

    public string? RecordId { get; init; }
    public DateOnly? Date { get; init; }
    public string? Document { get; init; }
    public int? Classes { get; init; }
    public int? Attendees { get; init; }

    public void Validate(ValidationErrors errors)
    {
        errors.RecordId("recordId", RecordId);
        errors.Date("date", Date);
        errors.RequiredText("document", Document, ApiLimits.MaxTextLength);
        errors.Range("classes", Classes, 1, ApiLimits.MaxCount);
        errors.Range("attendees", Attendees, 0, ApiLimits.MaxCount);
    }

    public OrgRecord ToRecord(string orgId, string recordId) => new StudySessionRecord
    {
        OrgId = orgId,
        RecordId = recordId,
        Date = Date!.Value,
        Document = Document!,
        Classes = Classes!.Value,
        Attendees = Attendees!.Value,
    };
}
