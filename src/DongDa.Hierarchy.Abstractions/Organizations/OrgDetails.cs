using System.ComponentModel.DataAnnotations;
using DongDa.Hierarchy.Validation;

namespace DongDa.Hierarchy.Organizations;

/// <summary>
/// The attributes of an organization that a client sets (PUT /api/v1/orgs/{id}), with the rules
/// they must meet. Not sealed only so that the PUT body can add the read-only fields of a GET
/// answer; a grain is always given the details alone (<see cref="Alone"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("dongda.OrgDetails")]
public record OrgDetails : IValidatableObject
{
    [Id(0), Text(InputRules.MaxNameLength)] public required string Name { get; init; }
    [Id(1)] public required OrgLevel Level { get; init; }
    [Id(2), Text(InputRules.MaxKindLength)] public required string Kind { get; init; }
    [Id(3), OrgId] public string? ParentId { get; init; }
    [Id(4), Range(0, InputRules.MaxMemberCount, ErrorMessage = InputRules.RangeMessage)] public required int MemberCount { get; init; }

    /// <summary>These details and nothing a derived type adds, as grain calls carry them.</summary>
    public OrgDetails Alone() => GetType() == typeof(OrgDetails) ? this : new OrgDetails(this);

    public IEnumerable<ValidationResult> Validate(ValidationContext context)
    {
        if (OrgLevelRules.ParentProblem(Level, ParentId) is { } problem) yield return new ValidationResult(problem, [nameof(ParentId)]);
    }
}
