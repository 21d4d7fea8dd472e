using DongDa.Hierarchy.Organizations;
using DongDa.Hierarchy.Validation;

namespace DongDa.Hierarchy.Host.Api.Requests;

/// <summary>
/// The body of PUT /api/v1/orgs/{id}: the organization's details, and the fields of its GET
/// answer, so that an answer can be sent back as it came.
/// </summary>
public sealed record OrganizationBody : OrgDetails
{
    /// <summary>Optional; when given it must equal the id in the path.</summary>
    [OrgId] public string? Id { get; init; }

    /// <summary>Read-only fields of a GET answer; accepted and ignored.</summary>
    public IReadOnlyList<string>? ChildIds { get; init; }

    /// <inheritdoc cref="ChildIds"/>
    public IReadOnlyList<string>? Path { get; init; }
}
