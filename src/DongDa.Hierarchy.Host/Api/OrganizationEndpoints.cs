using System.Security.Claims;
using DongDa.Hierarchy.Grains;
using DongDa.Hierarchy.Host.Access;
using DongDa.Hierarchy.Host.Api.Requests;
using DongDa.Hierarchy.Host.Api.Responses;
using DongDa.Hierarchy.Organizations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DongDa.Hierarchy.Host.Api;

/// <summary>PUT and GET of organizations, their children, their breadcrumb, and search below them.</summary>
public static class OrganizationEndpoints
{
    public static RouteGroupBuilder MapOrganizationEndpoints(this RouteGroupBuilder orgs)
    {
        orgs.MapPut("/{id}", Put)
            .Describe("Organizations", "PutOrganization", "Create an organization, or update or move it", Role.Admin);
        orgs.MapGet("/{id}", Get)
            .Describe("Organizations", "GetOrganization", "An organization with its path and the ids of its children", Role.Viewer);
        orgs.MapGet("/{id}/children", GetChildren)
            .Describe("Organizations", "ListChildren", "The children of an organization, ordered by name", Role.Viewer);
        orgs.MapGet("/{id}/breadcrumb", Breadcrumb)
            .Describe("Organizations", "GetBreadcrumb", "The organizations from the highest the caller may see down to this one", Role.Viewer);
        orgs.MapGet("/{id}/search", Search)
            .Describe("Organizations", "SearchOrganizations", "Organizations of a subtree whose name or id holds every word of the query", Role.Viewer);
        return orgs;
    }

    /// <remarks>
    /// <c>If-None-Match: *</c> asks to create only, as a form adding an organization does: an id in
    /// use answers 412 and changes nothing. The grant was decided on the organization's absence, so
    /// one created meanwhile is refused by the grain as well.
    /// </remarks>
    private static async Task<Results<Created<OrganizationResponse>, Ok<OrganizationResponse>, ValidationProblem, ConflictProblem, PreconditionProblem>> Put(
        string id, JsonBody<OrganizationBody> body, HttpContext http, GrainReferences<IOrganizationGrain> orgs)
    {
        if (body.Value.Id is { } bodyId && bodyId != id) return Problems.Invalid("id", "Must equal the id in the path.");
        var grant = RequestGrant.Of(http);
        if (http.Request.Headers.IfNoneMatch == "*" && !grant.IsForNew) return Problems.Exists(id);

        var grain = orgs[id];
        var outcome = await grain.Upsert(body.Value.Alone(), grant);
        return outcome.Status switch
        {
            UpsertStatus.Created => TypedResults.Created($"/api/v1/orgs/{id}", await Describe(grain, outcome.Organization!)),
            UpsertStatus.Updated => TypedResults.Ok(await Describe(grain, outcome.Organization!)),
            UpsertStatus.UnknownParent or UpsertStatus.Invalid => Problems.Invalid(outcome.Field!, outcome.Reason!),
            _ => Problems.Conflict(outcome.Reason!, outcome.Field),
        };
    }

    private static async Task<Results<Ok<OrganizationResponse>, NotFoundProblem>> Get(string id, GrainReferences<IOrganizationGrain> orgs) =>
        await orgs[id].GetFamily() is { } family
            ? TypedResults.Ok(Describe(family.Org, family))
            : Problems.UnknownOrganization(id);

    private static async Task<Results<Ok<List<OrganizationResponse>>, NotFoundProblem>> GetChildren(string id, GrainReferences<IOrganizationGrain> orgs) =>
        await orgs[id].GetFamily() is { } family
            ? TypedResults.Ok(family.Children.Select(child => OrganizationResponse.From(child, [.. family.Path, child.Id])).ToList())
            : Problems.UnknownOrganization(id);

    private static async Task<Results<Ok<BreadcrumbResponse>, NotFoundProblem>> Breadcrumb(string id, ClaimsPrincipal user, GrainReferences<IOrganizationGrain> orgs)
    {
        var path = await orgs[id].GetPath();
        if (path is null) return Problems.UnknownOrganization(id);
        var snapshots = await Task.WhenAll(Caller.From(user).VisiblePart(path).Select(org => orgs[org].GetSnapshot()));
        return TypedResults.Ok(BreadcrumbResponse.From(snapshots));
    }

    private static async Task<Results<Ok<SearchResponse>, NotFoundProblem>> Search(string id, SearchQuery query, GrainReferences<IOrganizationGrain> orgs)
    {
        var grain = orgs[id];
        var matches = await grain.Search(query.Text, query.Limit);
        if (matches is null) return Problems.UnknownOrganization(id);
        var pathAbove = (await grain.GetPath() ?? [id]).SkipLast(1).ToList();
        return TypedResults.Ok(SearchResponse.From(matches, pathAbove));
    }

    /// <summary>The organization as just written, with its path and children as it now stands.</summary>
    private static async Task<OrganizationResponse> Describe(IOrganizationGrain grain, OrgSnapshot written) =>
        await grain.GetFamily() is { } family ? Describe(written, family) : OrganizationResponse.From(written, [written.Id], []);

    /// <summary>The organization with its path and the children that name it as parent, in id order.</summary>
    private static OrganizationResponse Describe(OrgSnapshot snapshot, OrgFamily family) =>
        OrganizationResponse.From(snapshot, family.Path, [.. family.Children.Select(child => child.Id).Order(StringComparer.Ordinal)]);
}
