using DongDa.Hierarchy.Records;

namespace DongDa.Hierarchy.Host.Api.Requests;

public sealed record CommendationRequest : IRecordRequest
{
    public static RecordKind Kind => RecordKind.Commendation;

    public string? RecordId { get; init; }
    public DateOnly? Date { get; init; }
    public CommendationProgram? Program { get; init; }
    public RecipientKind? Recipient { get; init; }
    public string? RecipientName { get; init; }
    public RecognitionLevel? Level { get; init; }

    public void Validate(ValidationErrors errors)
    {
        errors.RecordId("recordId", RecordId);
        errors.Date("date", Date);
        errors.Required("program", Program);
        errors.Required("recipient", Recipient);
        errors.RequiredText("recipientName", RecipientName, ApiLimits.MaxNameLength);
        errors.Required("level", Level);
    }

    public OrgRecord ToRecord(string orgId, string recordId) => new CommendationRecord
    {
        OrgId = orgId,
        RecordId = recordId,
        Date = Date!.Value,
        Program = Program!.Value,
        Recipient = Recipient!.Value,
        RecipientName = RecipientName!,
        Level = Level!.Value,
    };
}
