using DongDa.Hierarchy.Host.Access;

namespace DongDa.Hierarchy.Host.Api;

/// <summary>Names an organization endpoint once: its operation id, summary, tag and the role it needs, which the access filter enforces and the OpenAPI document states.</summary>
public static class EndpointDescription
{
    public static RouteHandlerBuilder Describe(this RouteHandlerBuilder endpoint, string tag, string operationId, string summary, Role role) => endpoint
        .WithTags(tag)
        .WithName(operationId)
        .WithSummary(summary)
        .WithDescription($"Needs the {role.ToString().ToLowerInvariant()} role over the organization named, or one of its ancestors.")
        .WithMetadata(new RequiredRole(role));
}
