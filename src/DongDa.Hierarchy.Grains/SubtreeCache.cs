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
internal sealed class SubtreeCache(SiloLosses losses)
{
    private readonly SubtreeProtocol<FigureDelta, SubtreeFigures, FigureDeltaBuilder, OrgSnapshot> _protocol = new(FigureAlgebra.Instance, OrgNameOrder.Instance, Guid.NewGuid());
    private Task? _freshening;

    public SubtreeFigures Figures => _protocol.Figures;

    /// <summary>The children whose figures are included.</summary>
    public IReadOnlyList<string> MemberIds => [.. _protocol.MemberIds];

    /// <summary>Those children as they stood when they last answered, ordered by name.</summary>
    public IReadOnlyList<OrgSnapshot> ChildrenByName => _protocol.Children;

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
    public async Task EnsureFresh(OrganizationGrain org)
    {
        var target = _protocol.Changes;
        while (!_protocol.IsFreshFor(target, losses.Count))
        {
            var running = _freshening ??= Freshen(org);
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

    private async Task Freshen(OrganizationGrain org)
    {
        var plan = _protocol.Plan(_protocol.Changes, losses.Count, org.ChildIds.ToArray(), () => org.Own.AddAll(new FigureDeltaBuilder(), org.Level).Build());
        if (plan is null) return;
        List<SubtreeChanges> answers;
        try
        {
            answers = await BoundedFanOut.Run(plan.Ask, ask => org.Child(ask.ChildId).GetChanges(org.OrgId, ask.Known.Instance, ask.Known.Number));
        }
        catch
        {
            _protocol.Fail(plan);
            throw;
        }

        var stale = _protocol.Complete(plan, [.. answers.Select(answer =>
            new ChildAnswer<FigureDelta, OrgSnapshot>(answer.Member, new SubtreeVersion(answer.Instance, answer.Version), answer.IsFull, answer.Delta, answer.Org))]);
        if (stale.Count > 0) org.ForgetStale(stale);
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
