using DongDa.Hierarchy.Organizations;

namespace DongDa.Hierarchy.Grains;

/// <summary>
/// The links an organization keeps to its children, in its stored state. A child attaches before
/// it stores its new parent, so a link may name a child that does not (yet, or any longer) name the
/// organization; such a child is never counted, and its link is dropped once the child is asked.
/// </summary>
/// <param name="state">The organization's stored state, whose <see cref="OrganizationState.ChildIds"/> are the links.</param>
/// <param name="grains">Reaches the children.</param>
/// <param name="orgId">The organization.</param>
/// <param name="self">The organization as a grain reference, for dropping links in the background.</param>
/// <param name="persist">Writes the state, undoing the given change in memory if the write fails.</param>
internal sealed class ChildLinks(
    IPersistentState<OrganizationState> state, IGrainFactory grains, string orgId, IOrganizationMember self, Func<Action, Task> persist)
{
    public IReadOnlyList<string> Ids => state.State.ChildIds;

    /// <summary>Links a child; kept in id order, so that every answer lists children the same way.</summary>
    public async Task Attach(string childId)
    {
        var index = state.State.ChildIds.BinarySearch(childId, StringComparer.Ordinal);
        if (index >= 0) return;
        state.State.ChildIds.Insert(~index, childId);
        await persist(() => state.State.ChildIds.Remove(childId));
    }

    /// <summary>Drops the link to a child unless the child names this organization, now or in an update in progress; true when dropped.</summary>
    public async Task<bool> Detach(string childId)
    {
        if (!state.State.ChildIds.Contains(childId)) return false;
        var child = await grains.GetGrain<IOrganizationGrain>(childId).GetSnapshot();
        if (child is not null && child.BelongsTo(orgId)) return false;
        var index = state.State.ChildIds.IndexOf(childId);
        if (index < 0) return false;
        state.State.ChildIds.RemoveAt(index);
        await persist(() => state.State.ChildIds.Insert(index, childId));
        return true;
    }

    /// <summary>
    /// Links to children that no longer belong here (an interrupted move, a lost detach) are dropped
    /// in the background, each through <see cref="Detach"/>, which asks the child again first.
    /// </summary>
    public void ForgetStale(IReadOnlyList<string> childIds)
    {
        foreach (var childId in childIds) self.DetachChild(childId).Ignore();
    }
}
