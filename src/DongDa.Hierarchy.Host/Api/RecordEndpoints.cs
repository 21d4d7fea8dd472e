using DongDa.Hierarchy.Host.Access;
using DongDa.Hierarchy.Host.Api.Responses;
using DongDa.Hierarchy.Records;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DongDa.Hierarchy.Host.Api;

/// <summary>POST and paged GET of the six record kinds.</summary>
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
    }

    private static async Task<Results<Created<TRecord>, Ok<TRecord>, ConflictProblem, NotFoundProblem>> Post<TRecord>(string id, JsonBody<TRecord> body, HttpContext http, IGrainFactory grains)
        where TRecord : OrgRecord
    {
        OrgRecord record = body.Value;
        // A body may leave the record id to the server (JsonBodyOptions), so it can be absent here.
        var recordId = (string?)record.RecordId ?? Guid.CreateVersion7().ToString("N");
        record = record with { OrgId = id, RecordId = recordId };
        var outcome = await grains.GetGrain<IOrganizationGrain>(id).AddRecord(record, RequestGrant.Of(http));
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

    private static async Task<Results<Ok<RecordListResponse>, NotFoundProblem>> List<TRecord>(string id, PageQuery page, IGrainFactory grains)
        where TRecord : OrgRecord
    {
        var records = await grains.GetGrain<IOrganizationGrain>(id).ListRecords(page.For(KindOf<TRecord>.Value));
        return records is null ? Problems.UnknownOrganization(id) : TypedResults.Ok(RecordListResponse.From(records));
    }

    /// <summary>The kind a record type declares, read once from the type itself (its <see cref="OrgRecord.Kind"/> reads no state).</summary>
    private static class KindOf<TRecord> where TRecord : OrgRecord
    {
        public static readonly RecordKind Value = ((OrgRecord)System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(typeof(TRecord))).Kind;
    }
}
