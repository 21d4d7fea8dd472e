using DongDa.Hierarchy.Grains;
using DongDa.Hierarchy.Host.Access;
using DongDa.Hierarchy.Host.Api.Responses;
using DongDa.Hierarchy.Records;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DongDa.Hierarchy.Host.Api;

/// <summary>POST, paged GET, correction (PUT) and withdrawal (DELETE) of the six record kinds.</summary>
public static class RecordEndpoints
{
    public static RouteGroupBuilder MapRecordEndpoints(this RouteGroupBuilder orgs)
    {
        MapKind<InspectionRecord>(orgs, "inspections");
        MapKind<SupervisionRecord>(orgs, "supervisions");
        MapKind<StudySessionRecord>(orgs, "study-sessions");
        MapKind<StudyRegistrationRecord>(orgs, "study-registrations");
        MapKind<CommendationRecord>(orgs, "commendations");
        MapKind<MassMobilizationRecord>(orgs, "mass-mobilization");
        return orgs;
    }

    private static void MapKind<TRecord>(RouteGroupBuilder orgs, string path) where TRecord : OrgRecord
    {
        // InspectionRecord → "Inspection": operation ids AddInspection, ListInspections.
        var kind = typeof(TRecord).Name[..^"Record".Length];
        orgs.MapPost($"/{{id}}/{path}", Post<TRecord>)
            .Describe("Records", $"Add{kind}", $"Store a record of {path} at an organization; the same recordId and body again stores nothing", Role.Recorder);
        orgs.MapGet($"/{{id}}/{path}", List<TRecord>)
            .Describe("Records", $"List{kind}s", $"One page of an organization's own records of {path}, by date", Role.Viewer);
        orgs.MapPut($"/{{id}}/{path}/{{recordId}}", Correct<TRecord>)
            .Describe("Records", $"Correct{kind}", $"Replace the fields of a stored record of {path}; every figure that counted it follows", Role.Recorder);
        orgs.MapDelete($"/{{id}}/{path}/{{recordId}}", Withdraw<TRecord>)
            .Describe("Records", $"Withdraw{kind}", $"Withdraw a record of {path}, with a reason: it counts in no figure from then on", Role.Recorder);
        ImportEndpoints.MapKind<TRecord>(orgs, path);
        ExportEndpoints.MapKind<TRecord>(orgs, path);
    }

    private static async Task<Results<Created<TRecord>, Ok<TRecord>, ConflictProblem, NotFoundProblem>> Post<TRecord>(string id, JsonBody<TRecord> body, HttpContext http, GrainReferences<IOrganizationGrain> orgs)
        where TRecord : OrgRecord
    {
        OrgRecord record = body.Value;
        // A body may leave the record id to the server (JsonBodyOptions), so it can be absent here.
        var recordId = (string?)record.RecordId ?? Guid.CreateVersion7().ToString("N");
        record = record with { OrgId = id, RecordId = recordId };
        var outcome = await orgs[id].AddRecord(record, RequestGrant.Of(http));
        return outcome.Status switch
        {
            // The same content, so the same kind: a record of another kind under this id is a conflict.
            RecordWriteStatus.Created => TypedResults.Created((string?)null, (TRecord)outcome.Record!),
            RecordWriteStatus.Replayed => TypedResults.Ok((TRecord)outcome.Record!),
            RecordWriteStatus.Conflict => Problems.Conflict(
                $"Record '{recordId}' already exists at '{id}' with different content.", "recordId"),
            _ => Problems.UnknownOrganization(id),
        };
    }

    private static async Task<Results<Ok<TRecord>, ValidationProblem, ConflictProblem, NotFoundProblem>> Correct<TRecord>(
        string id, string recordId, JsonBody<TRecord> body, HttpContext http, GrainReferences<IOrganizationGrain> orgs)
        where TRecord : OrgRecord
    {
        OrgRecord record = body.Value;
        if ((string?)record.RecordId is { } given && given != recordId) return Problems.Invalid("recordId", "Must equal the record id in the path.");
        var outcome = await orgs[id].CorrectRecord(record with { OrgId = id, RecordId = recordId }, RequestGrant.Of(http));
        return outcome.Status switch
        {
            RecordWriteStatus.Corrected or RecordWriteStatus.Unchanged => TypedResults.Ok((TRecord)outcome.Record!),
            RecordWriteStatus.Conflict => Problems.Conflict($"Record '{recordId}' at '{id}' is withdrawn; it cannot be corrected.", "recordId"),
            RecordWriteStatus.NotFound => Problems.UnknownRecord(id, recordId),
            _ => Problems.UnknownOrganization(id),
        };
    }

    private static async Task<Results<NoContent, NotFoundProblem>> Withdraw<TRecord>(
        string id, string recordId, WithdrawalQuery query, HttpContext http, GrainReferences<IOrganizationGrain> orgs)
        where TRecord : OrgRecord
    {
        var outcome = await orgs[id].WithdrawRecord(KindOf<TRecord>.Value, recordId, query.Reason, RequestGrant.Of(http));
        return outcome.Status switch
        {
            RecordWriteStatus.Withdrawn or RecordWriteStatus.Unchanged => TypedResults.NoContent(),
            RecordWriteStatus.NotFound => Problems.UnknownRecord(id, recordId),
            _ => Problems.UnknownOrganization(id),
        };
    }

    private static async Task<Results<Ok<RecordListResponse>, NotFoundProblem>> List<TRecord>(string id, PageQuery page, GrainReferences<IOrganizationGrain> orgs)
        where TRecord : OrgRecord
    {
        var records = await orgs[id].ListRecords(page.For(KindOf<TRecord>.Value));
        return records is null ? Problems.UnknownOrganization(id) : TypedResults.Ok(RecordListResponse.From(records));
    }
}

/// <summary>The kind a record type declares, read once from the type itself (its <see cref="OrgRecord.Kind"/> reads no state).</summary>
internal static class KindOf<TRecord> where TRecord : OrgRecord
{
    public static readonly RecordKind Value = ((OrgRecord)System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(typeof(TRecord))).Kind;
}
