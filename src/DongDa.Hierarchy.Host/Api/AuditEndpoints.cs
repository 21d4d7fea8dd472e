using DongDa.Hierarchy.Host.Access;
using DongDa.Hierarchy.Host.Api.Responses;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DongDa.Hierarchy.Host.Api;

/// <summary>The audit trail of an organization, for admins within scope.</summary>
public static class AuditEndpoints
{
    public static RouteGroupBuilder MapAuditEndpoints(this RouteGroupBuilder orgs)
    {
        orgs.MapGet("/{id}/audit", Audit)
            .Describe("Audit", "ListAudit", "The audit trail of an organization: its own changes, its records' and those of the accounts acting for it, oldest first", Role.Admin);
        return orgs;
    }

    private static async Task<Results<Ok<AuditListResponse>, NotFoundProblem>> Audit(string id, AuditQueryInput query, IGrainFactory grains)
    {
        var page = await grains.GetGrain<IOrganizationGrain>(id).ListAudit(query.Query);
        return page is null ? Problems.UnknownOrganization(id) : TypedResults.Ok(AuditListResponse.From(await AccountAudit.Weave(grains, id, page, query.Query)));
    }
}
