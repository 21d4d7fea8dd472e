using DongDa.Hierarchy.Grains;
using DongDa.Hierarchy.Host.Api;
using DongDa.Hierarchy.Host.Api.Requests;
using DongDa.Hierarchy.Organizations;

namespace DongDa.Hierarchy.Host.Access;

/// <summary>
/// Object-level authorization for every endpoint that names an organization: the caller's role
/// must reach the endpoint's <see cref="RequiredRole"/>, and the organization must lie in one of
/// its subtrees. Unknown organizations are refused like those outside the caller's subtrees, so a
/// caller cannot learn what exists outside them. Runs after input validation, before the handler,
/// so a refused request changes nothing.
/// </summary>
public sealed class ScopeFilter(GrainReferences<IOrganizationGrain> orgs) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var required = http.GetEndpoint()?.Metadata.GetMetadata<RequiredRole>()?.Role ?? Role.Admin;
        var caller = Caller.From(http.User);
        var id = (string)http.Request.RouteValues["id"]!;
        var put = context.Arguments.OfType<JsonBody<OrganizationBody>>().FirstOrDefault();
        // A caller of every organization needs no path, except to pin the state a PUT acts on.
        var path = caller.IsEverywhere && put is null ? null : await Path(id);
        if (caller.Role < required || !caller.HasSubject || !await IsInScope(caller, id, path, put)) return Problems.Forbidden(id);

        RequestGrant.Decide(http, put is null ? WriteGrant.Stateless(caller.Subject)
            : path is null ? WriteGrant.ForNew(caller.Subject)
            : WriteGrant.ForExisting(caller.Subject, path.Count > 1 ? path[^2] : null));
        return await next(context);
    }

    private async Task<bool> IsInScope(Caller caller, string id, IReadOnlyList<string>? path, JsonBody<OrganizationBody>? put)
    {
        if (put is null) return caller.Covers(path);

        var newParent = put.Value.ParentId;
        if (path is null)
        {
            // A new organization: admin over the parent it joins, or holding the new root itself.
            return newParent is null ? caller.HoldsRoot(id) : caller.Covers(await Path(newParent));
        }

        if (!caller.Covers(path)) return false;
        var oldParent = path.Count > 1 ? path[^2] : null;
        if (newParent == oldParent) return true;

        // A move: admin over both the parent it leaves and the parent it joins.
        var mayLeave = oldParent is null ? caller.HoldsRoot(id) : caller.Covers(path.Take(path.Count - 1).ToList());
        var mayJoin = newParent is null ? caller.HoldsRoot(id) : caller.Covers(await Path(newParent));
        return mayLeave && mayJoin;
    }

    private Task<IReadOnlyList<string>?> Path(string id) => orgs[id].GetPath();
}
