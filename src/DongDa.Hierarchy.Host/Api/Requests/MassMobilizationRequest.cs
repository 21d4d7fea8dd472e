using DongDa.Hierarchy.Records;

namespace DongDa.Hierarchy.Host.Api.Requests;

public sealed record MassMobilizationRequest : IRecordRequest
{
    public static RecordKind Kind => RecordKind.MassMobilization;

    public string? RecordId { get; init; }
    public DateOnly? Date { get; init; }
    public RecipientKind? Registrant { get; init; }
    public string? RegistrantName { get; init; }
    public RecognitionLevel? Level { get; init; }
    public IReadOnlyList<ModelRequest?>? Models { get; init; }

    public void Validate(ValidationErrors errors)
    {
        errors.RecordId("recordId", RecordId);
        errors.Date("date", Date);
        errors.Required("registrant", Registrant);
        errors.RequiredText("registrantName", RegistrantName, ApiLimits.MaxNameLength);
        errors.Required("level", Level);
        if (Models is null || Models.Count == 0)
        {
            errors.Add("models", "At least one model is required.");
            return;
        }

        if (Models.Count > ApiLimits.MaxModelsPerRecord) errors.Add("models", $"At most {ApiLimits.MaxModelsPerRecord} models.");
        for (var index = 0; index < Models.Count; index++)
        {
            if (Models[index] is not { } model)
            {
                errors.Add($"models[{index}]", "Must be an object with name and field.");
                continue;
            }

            errors.RequiredText($"models[{index}].name", model.Name, ApiLimits.MaxNameLength);
            errors.Required($"models[{index}].field", model.Field);
        }
    }

    public OrgRecord ToRecord(string orgId, string recordId) => new MassMobilizationRecord
    {
        OrgId = orgId,
        RecordId = recordId,
        Date = Date!.Value,
        Registrant = Registrant!.Value,
        RegistrantName = RegistrantName!,
        Level = Level!.Value,
        Models = Models!.Select(model => new MobilizationModel { Name = model!.Name!, Field = model.Field!.Value }).ToArray(),
    };
}

public sealed record ModelRequest
{
    public string? Name { get; init; }
    public MobilizationField? Field { get; init; }
}
