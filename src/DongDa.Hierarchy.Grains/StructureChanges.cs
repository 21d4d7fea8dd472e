using DongDa.Hierarchy.Organizations;
using Microsoft.Extensions.Logging;

namespace DongDa.Hierarchy.Grains;

/// <summary>
/// A change to an organization's details as the tree allows it: the level and parent checks, and
/// for a move the order that keeps the subtree counted under exactly one parent (attach to the new
/// parent, store, tell and leave the old one), bracketed by the guards of the roots it touches so
/// that overlapping rollups answer again.
/// </summary>
/// <param name="grains">Reaches the parents, children and guards.</param>
/// <param name="orgId">The organization changing.</param>
/// <param name="path">Reads its path from its root.</param>
/// <param name="childLinks">The children linked to it.</param>
/// <param name="notifier">Tells the parents it leaves.</param>
/// <param name="logger">Where a failed detach is told.</param>
internal sealed class StructureChanges(
    IGrainFactory grains, string orgId, Func<Task<IReadOnlyList<string>?>> path, Func<IReadOnlyList<string>> childLinks, ParentNotifier notifier, ILogger logger)
{
    /// <summary>Checks <paramref name="details"/> against <paramref name="current"/> and the tree, then has <paramref name="store"/> store them at the right moment; a refusal, or null once stored.</summary>
    public async Task<UpsertOutcome?> Apply(OrgDetails details, OrgDetails? current, Func<Task> store)
    {
        if (OrgLevelRules.ParentProblem(details.Level, details.ParentId) is { } problem)
        {
            return UpsertOutcome.Refused(UpsertStatus.Invalid, "parentId", problem);
        }

        if (details.ParentId == orgId)
        {
            return UpsertOutcome.Refused(UpsertStatus.Invalid, "parentId", "An organization cannot be its own parent.");
        }

        if (current is not null && current.Level != details.Level && await ChildBlockingLevel(details.Level) is { } blocking)
        {
            return UpsertOutcome.Refused(UpsertStatus.Conflict, "level",
                $"Level '{OrgLevelRules.Named(details.Level)}' cannot contain child '{blocking.Id}' at level '{OrgLevelRules.Named(blocking.Details.Level)}'.");
        }

        var parentChanged = current?.ParentId != details.ParentId;
        var levelChanged = current?.Level != details.Level;
        if (details.ParentId is not { } parentId || !(parentChanged || levelChanged))
        {
            // Leaving a parent to become a root moves the subtree out from under the old root.
            var becomesRoot = parentChanged && current?.ParentId is not null;
            return await Guarded(becomesRoot ? await GuardsFor(orgId) : [], async () =>
            {
                await store();
                if (becomesRoot) await LeaveFormerParent(current!.ParentId!);
                return null;
            });
        }

        var newParent = grains.GetGrain<IOrganizationGrain>(parentId);
        var parentSnapshot = await newParent.GetSnapshot();
        if (parentSnapshot is null)
        {
            return UpsertOutcome.Refused(UpsertStatus.UnknownParent, "parentId", $"No organization '{parentId}' exists.");
        }

        // Checked here first so that an impossible move never calls the parent, which may itself be
        // busy moving under this organization; the parent checks again when the child attaches.
        if (!OrgLevelRules.MayContain(parentSnapshot.Details.Level, details.Level))
        {
            return UpsertOutcome.Refused(UpsertStatus.Conflict, "parentId",
                $"'{parentId}' at level '{OrgLevelRules.Named(parentSnapshot.Details.Level)}' cannot contain an organization at level '{OrgLevelRules.Named(details.Level)}'.");
        }

        var parentPath = await newParent.GetPath() ?? [parentId];
        if (parentPath.Contains(orgId))
        {
            return UpsertOutcome.Refused(UpsertStatus.Conflict, "parentId", $"'{parentId}' lies below '{orgId}'; the move would make a cycle.");
        }

        // Any change of parent of an existing organization is a move, a root taking a parent included.
        var isMove = current is not null && parentChanged;
        return await Guarded(isMove ? await GuardsFor(parentPath[0]) : [], async () =>
        {
            // Attach first: until this organization's stored state names the new parent, the new
            // parent ignores the link, so the subtree is counted under exactly one parent throughout.
            if (!await Member(parentId).AttachChild(orgId, details.Level))
            {
                return UpsertOutcome.Refused(UpsertStatus.Conflict, "parentId",
                    $"'{parentId}' cannot contain an organization at level '{OrgLevelRules.Named(details.Level)}'.");
            }

            await store();
            if (current?.ParentId is { } formerParentId) await LeaveFormerParent(formerParentId);
            return null;
        });
    }

    /// <summary>Makes a structural change between Begin and End on the guards of the roots it touches, so overlapping rollups answer again.</summary>
    private static async Task<UpsertOutcome?> Guarded(IReadOnlyList<IStructureGuardGrain> guards, Func<Task<UpsertOutcome?>> change)
    {
        var moveId = Guid.NewGuid();
        foreach (var guard in guards) await guard.Begin(moveId);
        try
        {
            return await change();
        }
        finally
        {
            foreach (var guard in guards) await guard.End(moveId);
        }
    }

    /// <summary>The guards of the roots this organization leaves and joins.</summary>
    private async Task<IStructureGuardGrain[]> GuardsFor(string newRootId)
    {
        var oldRootId = (await path())![0];
        return new[] { oldRootId, newRootId }.Distinct().Select(rootId => grains.GetGrain<IStructureGuardGrain>(rootId)).ToArray();
    }

    private async Task<OrgSnapshot?> ChildBlockingLevel(OrgLevel newLevel)
    {
        var children = await BoundedFanOut.Run(childLinks().ToArray(), childId => grains.GetGrain<IOrganizationGrain>(childId).GetSnapshot());
        return children.FirstOrDefault(child => child is not null && child.BelongsTo(orgId)
            && (!OrgLevelRules.MayContain(newLevel, child.Details.Level)
                || (child.Pending is { } pending && !OrgLevelRules.MayContain(newLevel, pending.Level))));
    }

    /// <summary>
    /// Makes the former parent sum again without this subtree. Telling it is what keeps the figures
    /// exact, so it is retried on the next update or write until it succeeds; dropping the link is
    /// housekeeping that the former parent also does by itself later.
    /// </summary>
    private async Task LeaveFormerParent(string formerParentId)
    {
        await notifier.Left(formerParentId);
        try
        {
            await Member(formerParentId).DetachChild(orgId);
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Organization {OrgId} moved but could not detach from {FormerParentId}", orgId, formerParentId);
        }
    }

    private IOrganizationMember Member(string id) => grains.GetGrain<IOrganizationMember>(id);
}
