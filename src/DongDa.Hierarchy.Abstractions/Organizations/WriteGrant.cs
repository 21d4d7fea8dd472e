using DongDa.Hierarchy.Audit;

namespace DongDa.Hierarchy.Organizations;

/// <summary>
/// What a write was authorized as: who writes (the subject its audit entries and records name) and,
/// for a change to an organization itself, the state the organization was in when the write was
/// authorized (absent, or under which parent). Every write takes one as a parameter, so a caller
/// cannot skip the check by saying nothing, and the grain refuses a grant that names nobody.
/// </summary>
/// <remarks>
/// The state check makes the grain refuse the write when another admin created or moved the
/// organization between the check and the write, so that no authorized write turns into one that
/// was not. Only the host's own writes (loading the dataset) say outright that no state was checked.
/// </remarks>
[GenerateSerializer, Immutable, Alias("dongda.WriteGrant")]
public sealed record WriteGrant
{
    private const string Absent = "\u0000absent";
    private const string Root = "\u0000root";
    private const string Unchecked = "\u0000unchecked";

    [Id(0)] public required string Actor { get; init; }

    [Id(1)] public required string AuthorizedState { get; init; }

    /// <summary>A write by <paramref name="actor"/> authorized against an organization that did not exist yet.</summary>
    public static WriteGrant ForNew(string actor) => new() { Actor = actor, AuthorizedState = Absent };

    /// <summary>A write by <paramref name="actor"/> authorized against an organization under <paramref name="parentId"/> (null: a root).</summary>
    public static WriteGrant ForExisting(string actor, string? parentId) => new() { Actor = actor, AuthorizedState = parentId ?? Root };

    /// <summary>A write whose authorization does not depend on the organization's state: a record, or the host's own loading.</summary>
    public static WriteGrant Stateless(string actor) => new() { Actor = actor, AuthorizedState = Unchecked };

    /// <summary>The host's own writes.</summary>
    public static WriteGrant System { get; } = Stateless(AuditActor.System);

    /// <summary>Whether the grant names someone.</summary>
    public bool NamesActor => !string.IsNullOrWhiteSpace(Actor);

    /// <summary>Whether the write was authorized against no organization: it can only create one, never change one.</summary>
    public bool IsForNew => AuthorizedState == Absent;

    /// <summary>Whether <paramref name="current"/> is the state the write was authorized against.</summary>
    public bool Allows(OrgDetails? current) =>
        NamesActor && (AuthorizedState == Unchecked || AuthorizedState == (current is null ? Absent : current.ParentId ?? Root));
}
