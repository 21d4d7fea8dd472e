namespace DongDa.Hierarchy.Organizations;

/// <summary>How a create-or-update of an organization ended.</summary>
public enum UpsertStatus
{
    Created,
    Updated,

    /// <summary>The named parent does not exist.</summary>
    UnknownParent,

    /// <summary>The details themselves are not valid (for example an organization as its own parent); nothing changed.</summary>
    Invalid,

    /// <summary>The change would break the hierarchy (level order, cycle, root rule); nothing changed.</summary>
    Conflict,
}

/// <summary>The result of <see cref="IOrganizationGrain.Upsert"/>; on refusal, which field and why.</summary>
[GenerateSerializer, Immutable, Alias("dongda.UpsertOutcome")]
public sealed record UpsertOutcome
{
    [Id(0)] public required UpsertStatus Status { get; init; }
    [Id(1)] public string? Field { get; init; }
    [Id(2)] public string? Reason { get; init; }
    [Id(3)] public OrgSnapshot? Organization { get; init; }

    public static UpsertOutcome Refused(UpsertStatus status, string field, string reason) =>
        new() { Status = status, Field = field, Reason = reason };
}
