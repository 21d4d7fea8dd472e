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
/// <param name="stamp">The stamp of the organization's own state as it stands, without the guard's part.</param>
internal sealed class SubtreeAnswers(SubtreeCache subtree, IGrainFactory grains, string orgId, Func<OrgSnapshot> snapshot, Func<OwnFigures> own, Func<AnswerStamp> stamp)
{
    /// <summary>The last rollup answered, for the state its stamp names: asked again, it is answered again as it is.</summary>
    private (AnswerStamp Stamp, Period Period, SubtreeRollup Rollup)? _last;

    /// <summary>Brings the subtree's figures up to date, with the children known when <paramref name="withChildren"/>; answers whether they already were, so that no child was asked.</summary>
    public async Task<bool> Freshen(bool withChildren = false)
    {
        if (withChildren) subtree.NeedChildren();
        var known = subtree.IsFresh;
        await subtree.EnsureFresh();
        return known;
    }

    /// <summary>The rollup, and whether it came from the figures already known, without asking any child.</summary>
    public async Task<(SubtreeRollup Rollup, bool Known)> Rollup(Period period)
    {
        var known = await Freshen();
        return (Current(period, stamp()), known);
    }

    /// <summary>
    /// The rollup and, for a drill-down, each counted child's own rollup: the children it includes
    /// are read with it, so that they agree, and copied only when they are asked for. Nothing is
    /// built when the state's stamp is <paramref name="seen"/> but for the guard's part, which the
    /// caller checks.
    /// </summary>
    public async Task<SubtreeRead> WithChildren(Period period, bool withChildren, AnswerStamp? seen)
    {
        var known = await Freshen(withChildren);
        // Taken in the same turn as the rollup, so that the stamp never names a later state than the answer's.
        var current = stamp();
        if (seen is { } caller && caller with { Guard = default, GuardEpoch = default } == current) return new SubtreeRead(null, [], known, current);
        var rollup = Current(period, current);
        var children = withChildren ? await ChildRollups(subtree.MemberIds, period) : [];
        return new SubtreeRead(rollup, children, known, current);
    }

    private SubtreeRollup Current(Period period, AnswerStamp state)
    {
        if (_last is { } last && last.Stamp == state && last.Period == period) return last.Rollup;
        var (orgs, byLevel) = subtree.Figures.Answer(period);
        var rollup = new SubtreeRollup { Org = snapshot(), Orgs = orgs, Own = own().ForPeriod(period), ByConductorLevel = byLevel };
        _last = (state, period, rollup);
        return rollup;
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

/// <summary>
/// A read of an organization's subtree: the rollup (null when the caller's copy is current), the
/// children's for a drill-down, whether no child had to be asked, and the stamp of the state read.
/// </summary>
internal readonly record struct SubtreeRead(SubtreeRollup? Rollup, List<SubtreeRollup> Children, bool Known, AnswerStamp Stamp);
