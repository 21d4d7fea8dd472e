namespace DongDa.Hierarchy.Organizations;

/// <summary>An organization as it stands: its durable details and the ids of the children linked to it.</summary>
[GenerateSerializer, Immutable, Alias("dongda.OrgSnapshot")]
public sealed record OrgSnapshot
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required OrgDetails Details { get; init; }
    [Id(2)] public required IReadOnlyList<string> ChildIds { get; init; }

    /// <summary>
    /// Details an update in progress is applying, or null. A parent keeps a link to a child whose
    /// pending details name it, because that child is about to join.
    /// </summary>
    [Id(3)] public OrgDetails? Pending { get; init; }

    /// <summary>Whether this organization belongs under <paramref name="parentId"/>, now or once its update lands.</summary>
    public bool BelongsTo(string parentId) => Details.ParentId == parentId || Pending?.ParentId == parentId;
}
