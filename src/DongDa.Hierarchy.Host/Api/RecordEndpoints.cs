using DongDa.Hierarchy.Host.Access;
using DongDa.Hierarchy.Host.Api.Requests;
using DongDa.Hierarchy.Host.Api.Responses;
using DongDa.Hierarchy.Records;

namespace DongDa.Hierarchy.Host.Api;

/// <summary>POST and paged GET of the six record kinds.</summary>
public static class RecordEndpoints
{
    public static RouteGroupBuilder MapRecordEndpoints(this RouteGroupBuilder orgs)
    {
        MapKind<InspectionRequest, InspectionRecord>(orgs, "inspections");
        MapKind<SupervisionRequest, SupervisionRecord>(orgs, "supervisions");
        MapKind<StudySessionRequest, StudySessionRecord>(orgs, "study-sessions");
        MapKind<StudyRegistrationRequest, StudyRegistrationRecord>(orgs, "study-registrations");
        MapKind<CommendationRequest, CommendationRecord>(orgs, "commendations");
        MapKind<MassMobilizationRequest, MassMobilizationRecord>(orgs, "mass-mobilization");
        return orgs;
    }

    private static void MapKind<TRequest, TRecord>(RouteGroupBuilder orgs, string path)
        where TRequest : class, IRecordRequest
        where TRecord : OrgRecord
    {
        // InspectionRecord → "Inspection": operation ids AddInspection, ListInspections.
        var kind = typeof(TRecord).Name[..^"Record".Length];
        orgs.MapPost($"/{{id}}/{path}", Post<TRequest>)
            .Accepts<TRequest>("application/json")
            .Produces<TRecord>(StatusCodes.Status201Created)
            .Produces<TRecord>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .Describe("Records", $"Add{kind}", $"Store a record of {path} at an organization; the same recordId and body again stores nothing", Role.Recorder);
        orgs.MapGet($"/{{id}}/{path}", List<TRequest>)
            .Produces<RecordListResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .Describe("Records", $"List{kind}s", $"One page of an organization's own records of {path}, by date", Role.Viewer);
    }

    private static async Task<IResult> Post<TRequest>(string id, JsonBody<TRequest> body, HttpContext http, IGrainFactory grains)
        where TRequest : class, IRecordRequest
    {
        var recordId = body.Value.RecordId ?? Guid.CreateVersion7().ToString("N");
        var outcome = await grains.GetGrain<IOrganizationGrain>(id).AddRecord(body.Value.ToRecord(id, recordId), RequestGrant.Of(http));
        return outcome.Status switch
        {
            RecordWriteStatus.Created => TypedResults.Json<object>(outcome.Record!, statusCode: StatusCodes.Status201Created),
            RecordWriteStatus.Replayed => TypedResults.Json<object>(outcome.Record!),
            RecordWriteStatus.Conflict => Problems.Conflict(
                $"Record '{recordId}' already exists at '{id}' with different content.", "recordId"),
            _ => Problems.UnknownOrganization(id),
        };
    }

    private static async Task<IResult> List<TRequest>(string id, PageQuery page, IGrainFactory grains)
        where TRequest : class, IRecordRequest
    {
        var records = await grains.GetGrain<IOrganizationGrain>(id).ListRecords(page.For(TRequest.Kind));
        return records is null ? Problems.UnknownOrganization(id) : TypedResults.Ok(RecordListResponse.From(records));
    }
}
