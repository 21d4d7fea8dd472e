using DongDa.Hierarchy.Grains.Figures;
using DongDa.Hierarchy.Metrics;
using DongDa.Hierarchy.Organizations;

namespace DongDa.Hierarchy.Grains;

/// <summary>
/// The rollups an organization answers from its subtree's figures, brought up to date first, with
/// whether they were already known (no child asked), which the telemetry reports.
/// </summary>
/// <param name="subtree">The subtree's figures and the protocol that keeps them.</param>
/// <param name="grains">Reaches the children, for a drill-down.</param>
/// <param name="orgId">The organization answering.</param>
/// <param name="snapshot">The organization as it stands.</param>
/// <param name="own">The figures of its own records.</param>
internal sealed class SubtreeAnswers(SubtreeCache subtree, IGrainFactory grains, string orgId, Func<OrgSnapshot> snapshot, Func<OwnFigures> own)
{
    /// <summary>Brings the subtree's figures up to date; answers whether they already were, so that no child was asked.</summary>
    public async Task<bool> Freshen()
    {
        var known = subtree.IsFresh;
        await subtree.EnsureFresh();
        return known;
    }

    /// <summary>The rollup, and whether it came from the figures already known, without asking any child.</summary>
    public async Task<(SubtreeRollup Rollup, bool Known)> Rollup(Period period)
    {
        var known = await Freshen();
        return (Current(period), known);
    }

    /// <summary>
    /// The rollup and, for a drill-down, each counted child's own rollup: the children it includes
    /// are read with it, so that they agree, and copied only when they are asked for.
    /// </summary>
    public async Task<(SubtreeRollup Rollup, List<SubtreeRollup> Children, bool Known)> WithChildren(Period period, bool withChildren)
    {
        var known = await Freshen();
        var rollup = Current(period);
        var children = withChildren ? await ChildRollups(subtree.MemberIds, period) : [];
        return (rollup, children, known);
    }

    private SubtreeRollup Current(Period period)
    {
        var (orgs, byLevel) = subtree.Figures.Answer(period);
        return new SubtreeRollup { Org = snapshot(), Orgs = orgs, Own = own().ForPeriod(period), ByConductorLevel = byLevel };
    }

    public async Task<(IReadOnlyList<MetricSet> Totals, bool Known)> Series(IReadOnlyList<Period> periods)
    {
        var known = await Freshen();
        return (subtree.Figures.Totals(periods), known);
    }

    private async Task<List<SubtreeRollup>> ChildRollups(IReadOnlyList<string> memberIds, Period period)
    {
        var rollups = await BoundedFanOut.Run(memberIds, childId => grains.GetGrain<IOrganizationMember>(childId).RollupSubtree(period));
        // A child is counted here only while its stored state names this organization.
        return rollups.Where(child => child?.Org.Details.ParentId == orgId).Select(child => child!).ToList();
    }
}
