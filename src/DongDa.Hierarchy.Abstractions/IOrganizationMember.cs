using DongDa.Hierarchy.Figures;
using DongDa.Hierarchy.Metrics;
using DongDa.Hierarchy.Organizations;
using Orleans.Concurrency;

namespace DongDa.Hierarchy;

/// <summary>
/// What only organizations ask of one another: the rollup protocol (a parent asks a child for its
/// changes, a child tells its parent it changed), the links a move makes and drops, and searches
/// and rollups passed down the tree. Clients use <see cref="IOrganizationGrain"/>; the same grain
/// plays both roles.
/// </summary>
/// <remarks>
/// Calls to children only read and are <see cref="AlwaysInterleaveAttribute"/>; calls that change
/// state go to the parent only, so a parent busy with a rollup never waits on a child that is itself
/// waiting on that parent.
/// </remarks>
[Alias("dongda.IOrganizationMember")]
public interface IOrganizationMember : IGrainWithStringKey
{
    /// <summary>The matches of a search in this subtree, if this organization belongs under <paramref name="parentId"/>; <paramref name="pathToParent"/> leads to it.</summary>
    [Alias("SearchBelow")]
    [AlwaysInterleave]
    Task<IReadOnlyList<OrgMatch>> SearchBelow(string parentId, IReadOnlyList<string> pathToParent, string foldedQuery);

    /// <summary>The rollup as this organization knows it, brought up to date, without the move guard of <see cref="IOrganizationGrain.Rollup"/>.</summary>
    [Alias("RollupSubtree")]
    [AlwaysInterleave]
    Task<SubtreeRollup?> RollupSubtree(Period period);

    /// <summary>
    /// Asked by the parent: the changes to this subtree's figures since the version the parent
    /// knows (<paramref name="knownVersion"/> of activation <paramref name="knownInstance"/>), or
    /// all of them when that is not the version this activation last gave it. Not a member when
    /// this organization names another parent.
    /// </summary>
    [Alias("GetChanges")]
    [AlwaysInterleave]
    Task<SubtreeChanges> GetChanges(string parentId, Guid knownInstance, long knownVersion);

    /// <summary>
    /// Told by a child whose subtree changed. Marks the child to be asked at the next rollup and
    /// tells this organization's own parent, once, until that parent has asked.
    /// </summary>
    [Alias("ChildChanged")]
    [AlwaysInterleave]
    Task ChildChanged(string childId);

    /// <summary>
    /// Told by a child about to store a change to its subtree, before it does: this organization
    /// holds the child until it answers settled, asks its own parent to hold it in turn, and marks
    /// its stored sum of the children out of date, all before it returns, so that a crash after the
    /// child's write can never leave a stored sum that misses it.
    /// </summary>
    [Alias("ChildWillChange")]
    [AlwaysInterleave]
    Task ChildWillChange(string childId);

    /// <summary>
    /// Called by a child joining this organization. Refused (false) when this organization does not
    /// exist or may not contain a child of <paramref name="childLevel"/>.
    /// </summary>
    [Alias("AttachChild")]
    Task<bool> AttachChild(string childId, OrgLevel childLevel);

    /// <summary>
    /// Forgets the link to a child that has moved away or no longer exists. The child is asked
    /// first: a link is kept while the child names this organization, now or in an update in progress.
    /// </summary>
    [Alias("DetachChild")]
    Task DetachChild(string childId);
}
