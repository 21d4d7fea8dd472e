using DongDa.Hierarchy.Audit;
using DongDa.Hierarchy.Organizations;
using DongDa.Hierarchy.Records;

namespace DongDa.Hierarchy.Grains;

/// <summary>
/// An organization's details and the audit trail of their changes, kept in its state: each change
/// is stored with the entry that describes it, in the same write.
/// </summary>
/// <param name="state">The organization's state.</param>
/// <param name="orgId">The organization.</param>
/// <param name="clock">When a change is made.</param>
/// <param name="persist">Writes the state, undoing the change in memory when the write fails.</param>
internal sealed class DetailsLog(IPersistentState<OrganizationState> state, string orgId, TimeProvider clock, Func<Action, Task> persist)
{
    public OrgDetails? Stored => state.State.Details;

    public Task Store(OrgDetails? current, OrgDetails details, string actor)
    {
        var entry = AuditTrail.Change(orgId, actor, current, details, state.State.Changes.Count, clock.GetUtcNow());
        state.State.Details = details;
        state.State.Changes.Add(entry);
        return persist(() =>
        {
            state.State.Details = current;
            state.State.Changes.Remove(entry);
        });
    }

    /// <summary>One page of the trail: the changes of the details and the organization's records.</summary>
    public AuditPage Page(IEnumerable<OrgRecord> records, AuditQuery query) => AuditTrail.Page(orgId, state.State.Changes, records, query);
}
