using DongDa.Hierarchy.Figures;
using DongDa.Hierarchy.Grains.Figures;
using DongDa.Hierarchy.Organizations;
using DongDa.Hierarchy.Rollup;

namespace DongDa.Hierarchy.Grains;

/// <summary>
/// An organization's side of the rollup protocol: the decisions are <see cref="SubtreeProtocol{TDelta, TFigures, TSum, TChild}"/>'s,
/// this makes the calls it plans, one refresh at a time, and translates its messages to and from
/// the grain calls.
/// </summary>
/// <param name="losses">Silos this silo has seen die: after one, the subtree is summed again.</param>
/// <param name="grains">Reaches the children.</param>
/// <param name="orgId">The organization, as its children know their parent.</param>
/// <param name="childLinks">The children linked to the organization, members or not.</param>
/// <param name="ownAll">All the figures of the organization's own records, as a change from nothing.</param>
/// <param name="forgetStale">Drops links to children that no longer name the organization.</param>
internal sealed class SubtreeCache(
    SiloLosses losses, IGrainFactory grains, string orgId, Func<IReadOnlyList<string>> childLinks, Func<FigureDelta> ownAll, Action<IReadOnlyList<string>> forgetStale)
{
    private readonly SubtreeProtocol<FigureDelta, SubtreeFigures, FigureDeltaBuilder, OrgSnapshot> _protocol = new(FigureAlgebra.Instance, OrgNameOrder.Instance, Guid.NewGuid());
    private Task? _freshening;

    public SubtreeFigures Figures => _protocol.Figures;

    /// <summary>The children whose figures are included.</summary>
    public IReadOnlyList<string> MemberIds => [.. _protocol.MemberIds];

    /// <summary>Those children as they stood when they last answered, ordered by name.</summary>
    public IReadOnlyList<OrgSnapshot> ChildrenByName => _protocol.Children;

    /// <summary>The figures' version: it grows with every change to them.</summary>
    public long Version => _protocol.Version;

    /// <summary>Whether a rollup now needs no child to answer: nothing changed since the last one.</summary>
    public bool IsFresh => _protocol.IsFreshFor(_protocol.Changes, losses.Count);

    public void MarkChanged(string childId) => _protocol.ChildChanged(childId);

    public void ForgetParent() => _protocol.ParentChanged();

    public void Absorb(FigureDelta delta)
    {
        if (!delta.IsEmpty) _protocol.OwnChange(delta);
    }

    public SubtreeChanges ChangesFor(Guid knownInstance, long knownVersion)
    {
        var (version, isFull, delta) = _protocol.AnswerParent(new SubtreeVersion(knownInstance, knownVersion));
        return new SubtreeChanges { Member = true, Instance = version.Instance, Version = version.Number, IsFull = isFull, Delta = delta };
    }

    /// <summary>
    /// Brings the figures up to date with every change told before this call. Concurrent callers
    /// share one refresh at a time, so that each child is asked once per change.
    /// </summary>
    public async Task EnsureFresh()
    {
        var target = _protocol.Changes;
        while (!_protocol.IsFreshFor(target, losses.Count))
        {
            var running = _freshening ??= Freshen();
            try
            {
                await running;
            }
            finally
            {
                if (ReferenceEquals(_freshening, running)) _freshening = null;
            }
        }
    }

    private async Task Freshen()
    {
        var plan = _protocol.Plan(_protocol.Changes, losses.Count, [.. childLinks()], ownAll);
        if (plan is null) return;
        List<SubtreeChanges> answers;
        try
        {
            answers = await BoundedFanOut.Run(plan.Ask, ask => grains.GetGrain<IOrganizationMember>(ask.ChildId).GetChanges(orgId, ask.Known.Instance, ask.Known.Number));
        }
        catch
        {
            _protocol.Fail(plan);
            throw;
        }

        var stale = _protocol.Complete(plan, [.. answers.Select(answer =>
            new ChildAnswer<FigureDelta, OrgSnapshot>(answer.Member, new SubtreeVersion(answer.Instance, answer.Version), answer.IsFull, answer.Delta, answer.Org))]);
        if (stale.Count > 0) forgetStale(stale);
    }

    private sealed class FigureAlgebra : IFigureAlgebra<FigureDelta, SubtreeFigures, FigureDeltaBuilder>
    {
        public static FigureAlgebra Instance { get; } = new();

        public SubtreeFigures Empty() => new();

        public void Apply(SubtreeFigures figures, FigureDelta delta) => figures.Apply(delta);

        public FigureDelta All(SubtreeFigures figures) => figures.ToDelta();

        public FigureDeltaBuilder NewSum() => new();

        public void Add(FigureDeltaBuilder sum, FigureDelta delta) => sum.Add(delta);

        public FigureDelta ToDelta(FigureDeltaBuilder sum) => sum.Build();
    }
}
