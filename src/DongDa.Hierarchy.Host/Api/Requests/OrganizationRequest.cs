using DongDa.Hierarchy.Organizations;

namespace DongDa.Hierarchy.Host.Api.Requests;

/// <summary>The body of PUT /api/v1/orgs/{id}.</summary>
public sealed record OrganizationRequest : IRequestBody
{
    /// <summary>Optional; when given it must equal the id in the path (so a GET answer can be sent back).</summary>
    public string? Id { get; init; }
    public string? Name { get; init; }
    public OrgLevel? Level { get; init; }
    public string? Kind { get; init; }
    public string? ParentId { get; init; }
    public int? MemberCount { get; init; }

    /// <summary>Read-only fields of a GET answer; accepted and ignored so that answers can be sent back.</summary>
    public IReadOnlyList<string>? ChildIds { get; init; }

    /// <inheritdoc cref="ChildIds"/>
    public IReadOnlyList<string>? Path { get; init; }

    public void Validate(ValidationErrors errors)
    {
        errors.OrgId("id", Id, required: false);
        errors.RequiredText("name", Name, ApiLimits.MaxNameLength);
        errors.Required("level", Level);
        errors.RequiredText("kind", Kind, ApiLimits.MaxKindLength);
        errors.OrgId("parentId", ParentId, required: false);
        errors.Range("memberCount", MemberCount, 0, ApiLimits.MaxMemberCount);
        if (Level is { } level && OrgLevelRules.IsRootLevel(level) != ParentId is null)
        {
            errors.Add("parentId", level == OrgLevel.District
                ? "A district is a root: parentId must be null."
                : "Every organization below the district needs a parentId.");
        }
    }

    /// <summary>Checks what depends on the path: the optional id must match it.</summary>
    public void ValidateAgainstPath(string pathId, ValidationErrors errors)
    {
        if (Id is not null && Id != pathId) errors.Add("id", "Must equal the id in the path.");
        if (ParentId == pathId) errors.Add("parentId", "An organization cannot be its own parent.");
    }

    public OrgDetails ToDetails() => new()
    {
        Name = Name!,
        Level = Level!.Value,
        Kind = Kind!,
        ParentId = ParentId,
        MemberCount = MemberCount!.Value,
    };
}
