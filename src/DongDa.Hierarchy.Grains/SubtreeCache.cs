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
/// <param name="freshened">Called after each refresh, so that the children's sum can be stored.</param>
internal sealed class SubtreeCache(
    SiloLosses losses, IGrainFactory grains, string orgId, Func<IReadOnlyList<string>> childLinks, Func<FigureDelta> ownAll,
    Action<IReadOnlyList<string>> forgetStale, Action freshened)
{
    private readonly SubtreeProtocol<FigureDelta, SubtreeFigures, FigureDeltaBuilder, OrgSnapshot> _protocol = new(FigureAlgebra.Instance, OrgNameOrder.Instance, Guid.NewGuid());
    private Task? _freshening;

    /// <summary>A stored sum of the children not yet taken in: kept compact until the figures are first wanted.</summary>
    private FigureDelta? _storedSum;

    public SubtreeFigures Figures
    {
        get
        {
            TakeInStoredSum();
            return _protocol.Figures;
        }
    }

    /// <summary>The children whose figures are included.</summary>
    public IReadOnlyList<string> MemberIds => [.. _protocol.MemberIds];

    /// <summary>Those children as they stood when they last answered, ordered by name.</summary>
    public IReadOnlyList<OrgSnapshot> ChildrenByName => _protocol.Children;

    /// <summary>The figures' version: it grows with every change to them.</summary>
    public long Version => _protocol.Version;

    /// <summary>Whether a rollup now needs no child to answer: nothing changed since the last one.</summary>
    public bool IsFresh
    {
        get
        {
            TakeInStoredSum();
            return _protocol.IsFreshFor(_protocol.Changes, losses.Count);
        }
    }

    /// <summary>Whether every change stored below is in the figures: fresh, no child held, nothing of its own being written or failed part-way.</summary>
    public bool IsSettled => IsFresh && _protocol.IsSettled;

    /// <summary>Whether the children's sum may be stored as the truth: fresh, with no child held.</summary>
    public bool CanStoreSummary => _protocol.CanStoreSummary(losses.Count);

    /// <summary>Whether any child is counted; an organization with none has no sum to store.</summary>
    public bool HasMembers => _protocol.MemberIds.Count > 0;

    public void MarkChanged(string childId) => _protocol.ChildChanged(childId);

    /// <inheritdoc cref="SubtreeProtocol{TDelta, TFigures, TSum, TChild}.ChildWillChange"/>
    public bool ChildWillChange(string childId) => _protocol.ChildWillChange(childId);

    /// <inheritdoc cref="SubtreeProtocol{TDelta, TFigures, TSum, TChild}.BeginOwnWrite"/>
    public bool BeginOwnWrite() => _protocol.BeginOwnWrite();

    public void EndOwnWrite(bool failed) => _protocol.EndOwnWrite(failed);

    public void ParentHolds() => _protocol.ParentHolds();

    /// <summary>Starts from the stored sum of the children (see <see cref="SubtreeSummary"/>) once the figures are first wanted.</summary>
    public void LoadSummary(FigureDelta children) => _storedSum = children;

    private void TakeInStoredSum()
    {
        if (_storedSum is not { } children) return;
        _storedSum = null;
        _protocol.LoadSummary(children, ownAll(), losses.Count);
    }

    /// <summary>The figures without the organization's own: what <see cref="SubtreeSummary"/> stores.</summary>
    public FigureDelta ChildrenSum() => new FigureDeltaBuilder().Add(Figures.ToDelta()).Add(ownAll(), sign: -1).Build();

    public void ForgetParent() => _protocol.ParentChanged();

    public void Absorb(FigureDelta delta)
    {
        if (!delta.IsEmpty) _protocol.OwnChange(delta);
    }

    public SubtreeChanges ChangesFor(Guid knownInstance, long knownVersion)
    {
        var (version, isFull, delta, settled) = _protocol.AnswerParent(new SubtreeVersion(knownInstance, knownVersion));
        return new SubtreeChanges { Member = true, Instance = version.Instance, Version = version.Number, IsFull = isFull, Delta = delta, Settled = settled };
    }

    /// <inheritdoc cref="SubtreeProtocol{TDelta, TFigures, TSum, TChild}.NeedChildren"/>
    public void NeedChildren()
    {
        TakeInStoredSum();
        _protocol.NeedChildren();
    }

    /// <summary>
    /// Brings the figures up to date with every change told before this call. Concurrent callers
    /// share one refresh at a time, so that each child is asked once per change.
    /// </summary>
    public async Task EnsureFresh()
    {
        TakeInStoredSum();
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
            new ChildAnswer<FigureDelta, OrgSnapshot>(answer.Member, new SubtreeVersion(answer.Instance, answer.Version), answer.IsFull, answer.Delta, answer.Org, answer.Settled))]);
        if (stale.Count > 0) forgetStale(stale);
        freshened();
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
