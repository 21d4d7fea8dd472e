namespace DongDa.Hierarchy.Rollup;

/// <summary>
/// The bookkeeping that keeps an organization's subtree figures exact with work proportional to
/// what changed: which children changed since they were last asked, which version of each child is
/// included, and what changed here since the parent last asked. A deterministic state machine:
/// the organization tells it what happened (own change, child changed, the parent asked, a silo was
/// lost) and carries out the calls it plans; it makes no call itself.
/// </summary>
/// <remarks>
/// Versions are numbered per activation and carry the activation's id, so that a parent's version
/// from an earlier activation never passes for a current one. A child that cannot give the change
/// since the parent's version (it was reactivated, or an answer was lost) gives all its figures instead, and the parent then
/// sums its whole subtree again rather than trust an old contribution it cannot subtract. A lost
/// silo may have stored a change without telling anyone, so every organization sums its whole
/// subtree again after one.
/// </remarks>
/// <param name="algebra">How the figures add up.</param>
/// <param name="order">The order <see cref="Children"/> are listed in.</param>
/// <param name="instance">Names this activation in its versions: new for every activation.</param>
public sealed class SubtreeProtocol<TDelta, TFigures, TSum, TChild>(IFigureAlgebra<TDelta, TFigures, TSum> algebra, IComparer<TChild> order, Guid instance)
{
    private readonly Dictionary<string, SubtreeVersion> _childVersions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TChild> _children = new(StringComparer.Ordinal);
    private IReadOnlyList<TChild>? _ordered;
    private readonly HashSet<string> _changedChildren = new(StringComparer.Ordinal);
    private TSum _sinceParent = algebra.NewSum();
    private TFigures? _figures;
    private bool _built;
    private bool _rebuild;
    private long _version;
    private long _parentVersion = -1;
    private long _changes;
    private long _freshUpTo = -1;
    private long _builtAfterLosses = -1;

    public TFigures Figures => _figures ?? throw new InvalidOperationException("The subtree has not been summed yet.");

    /// <summary>The figures' version within this activation: it grows with every change to them.</summary>
    public long Version => _version;

    /// <summary>The children whose figures are included.</summary>
    public IReadOnlyCollection<string> MemberIds => _childVersions.Keys;

    /// <summary>Those children as they stood when they last answered, in order; sorted again only after a change.</summary>
    public IReadOnlyList<TChild> Children => _ordered ??= [.. _children.Values.Order(order)];

    /// <summary>The count of changes told so far: a reader waits until the figures cover the count it saw.</summary>
    public long Changes => _changes;

    /// <summary>Whether the figures cover every change told up to <paramref name="changes"/>, with nothing known to be missing.</summary>
    public bool IsFreshFor(long changes, long losses) => IsWhole(losses) && _freshUpTo >= changes;

    private bool IsWhole(long losses) => _built && !_rebuild && _builtAfterLosses == losses;

    /// <summary>A child said its subtree changed: ask it at the next refresh.</summary>
    public void ChildChanged(string childId)
    {
        _changedChildren.Add(childId);
        _changes++;
    }

    /// <summary>A change made here (own records, own level).</summary>
    public void OwnChange(TDelta delta)
    {
        if (_figures is null) return;
        algebra.Apply(_figures, delta);
        algebra.Add(_sinceParent, delta);
        _version++;
    }

    /// <summary>A new parent knows nothing of this subtree yet; it will ask for everything.</summary>
    public void ParentChanged()
    {
        _parentVersion = -1;
        _sinceParent = algebra.NewSum();
    }

    /// <summary>The parent asks for the changes since <paramref name="known"/>; call on fresh figures.</summary>
    public (SubtreeVersion Version, bool IsFull, TDelta Delta) AnswerParent(SubtreeVersion known)
    {
        var current = new SubtreeVersion(instance, _version);
        var answer = _parentVersion >= 0 && known == new SubtreeVersion(instance, _parentVersion)
            ? (current, false, algebra.ToDelta(_sinceParent))
            : (current, true, algebra.All(Figures));
        _parentVersion = _version;
        _sinceParent = algebra.NewSum();
        return answer;
    }

    /// <summary>
    /// The calls that bring the figures up to date, or null when they already cover every change
    /// told up to <paramref name="changes"/>. A rebuild starts the figures again from
    /// <paramref name="ownAll"/> at once, so that own changes made while the children answer land in them.
    /// </summary>
    public RefreshPlan? Plan(long changes, long losses, IReadOnlyList<string> childLinks, Func<TDelta> ownAll)
    {
        if (IsFreshFor(changes, losses)) return null;
        if (!IsWhole(losses))
        {
            _changedChildren.Clear();
            _childVersions.Clear();
            _children.Clear();
            _ordered = null;
            _rebuild = false;
            _figures = algebra.Empty();
            algebra.Apply(_figures, ownAll());
            return new RefreshPlan(rebuild: true, [.. childLinks.Select(childId => (childId, SubtreeVersion.Unknown))], _changes, losses);
        }

        var ask = _changedChildren.Select(childId => (childId, _childVersions.GetValueOrDefault(childId, SubtreeVersion.Unknown))).ToList();
        _changedChildren.Clear();
        return new RefreshPlan(rebuild: false, ask, _changes, losses);
    }

    /// <summary>The answers of <paramref name="plan"/>'s calls, in its order; gives the links to children that no longer belong here.</summary>
    public IReadOnlyList<string> Complete(RefreshPlan plan, IReadOnlyList<ChildAnswer<TDelta, TChild>> answers)
    {
        var stale = new List<string>();
        for (var i = 0; i < plan.Ask.Count; i++)
        {
            var childId = plan.Ask[i].ChildId;
            var answer = answers[i];
            if (plan.IsRebuild)
            {
                if (!answer.Member)
                {
                    stale.Add(childId);
                    continue;
                }

                algebra.Apply(Figures, answer.Delta);
                Include(childId, answer);
            }
            else if (_childVersions.ContainsKey(childId) && (!answer.Member || answer.IsFull))
            {
                // A child left, or its old contribution is unknown: sum everything again.
                _rebuild = true;
            }
            else if (answer.Member)
            {
                OwnChange(answer.Delta);
                Include(childId, answer);
            }
        }

        if (plan.IsRebuild)
        {
            _version++;
            ParentChanged();
            _built = true;
            _builtAfterLosses = plan.Losses;
        }

        if (!_rebuild) _freshUpTo = plan.UpTo;
        return stale;
    }

    /// <summary>A call of <paramref name="plan"/> failed: nothing it asked may be taken as known.</summary>
    public void Fail(RefreshPlan plan)
    {
        if (plan.IsRebuild)
        {
            // Half-built figures must never pass for fresh, nor reach the parent as a change.
            _rebuild = true;
            ParentChanged();
            return;
        }

        foreach (var (childId, _) in plan.Ask) _changedChildren.Add(childId);
    }

    private void Include(string childId, ChildAnswer<TDelta, TChild> answer)
    {
        _childVersions[childId] = answer.Version;
        _children[childId] = answer.Child ?? throw new ArgumentException($"The answer of member '{childId}' does not describe it.", nameof(answer));
        _ordered = null;
    }
}
