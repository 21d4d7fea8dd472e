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
/// sums its whole subtree again rather than trust an old contribution it cannot subtract.
/// <para>
/// The sum of the children's figures is also stored, so that a cold rollup reads it instead of the
/// whole subtree. It stays true by holds: before anything below changes what is stored, the
/// change's path asks each ancestor to hold the child it comes through (<see cref="ChildWillChange"/>),
/// and an ancestor marks its stored sum out of date before it answers. A hold ends only when that
/// child answers settled: nothing of its own being written, nothing held below it. So an ancestor
/// holding nothing, with fresh figures, has every stored change in them, and may store its sum
/// again (<see cref="CanStoreSummary"/>). After a silo is lost only the held children are asked
/// again: a change the lost silo stored without telling anyone is held on its path.
/// </para>
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

    /// <summary>Children held, each with the number of the last hold it asked for (0: held because it answered unsettled).</summary>
    private readonly Dictionary<string, long> _held = new(StringComparer.Ordinal);
    private long _holds;
    private int _ownWrites;
    private bool _ownWriteFailed;
    private bool _parentHolds;
    private bool _childrenKnown = true;
    /// <summary>What changed since the parent last asked; none yet while null, as for most organizations most of the time.</summary>
    private TSum? _sinceParent;
    private TFigures? _figures;
    private bool _built;
    private bool _rebuild;
    private long _version;
    private long _parentVersion = -1;
    private long _changes;
    private long _freshUpTo = -1;
    private long _lossesSeen = -1;

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
    public bool IsFreshFor(long changes, long losses) => IsWhole && _freshUpTo >= changes && _lossesSeen == losses;

    /// <summary>Whether every change stored below is in the figures once they are fresh: no child held, nothing of its own being written, no write failed part-way.</summary>
    public bool IsSettled => _held.Count == 0 && _ownWrites == 0 && !_ownWriteFailed;

    /// <summary>Whether the sum of the children's figures may be stored as the truth: fresh, and no child held.</summary>
    public bool CanStoreSummary(long losses) => IsFreshFor(_changes, losses) && _held.Count == 0;

    private bool IsWhole => _built && !_rebuild;

    /// <summary>A child said its subtree changed: ask it at the next refresh.</summary>
    public void ChildChanged(string childId)
    {
        _changedChildren.Add(childId);
        _changes++;
    }

    /// <summary>
    /// A child is about to store a change: it is held until it answers settled. True when the
    /// parent must first be asked to hold this organization in turn.
    /// </summary>
    public bool ChildWillChange(string childId)
    {
        _held[childId] = ++_holds;
        return !_parentHolds;
    }

    /// <summary>This organization is about to store a change of its own; true when the parent must first be asked to hold it.</summary>
    public bool BeginOwnWrite()
    {
        _ownWrites++;
        return !_parentHolds;
    }

    /// <summary>The write begun ended; one that <paramref name="failed"/> may have stored part of itself, so this activation never answers settled again.</summary>
    public void EndOwnWrite(bool failed)
    {
        _ownWrites--;
        _ownWriteFailed |= failed;
    }

    /// <summary>The parent has taken the hold it was asked for.</summary>
    public void ParentHolds() => _parentHolds = true;

    /// <summary>
    /// Starts from a stored sum of the children's figures and the organization's own, as stored
    /// when the activation began: fresh for rollups, but which child gave what is unknown, so the
    /// first change of a child sums all again.
    /// </summary>
    public void LoadSummary(TDelta children, TDelta own, long losses)
    {
        _figures = algebra.Empty();
        algebra.Apply(_figures, own);
        algebra.Apply(_figures, children);
        _built = true;
        _childrenKnown = false;
        // A child told of a change since the activation began, or held since, may not be in the sum:
        // the first refresh then sums all again.
        _changedChildren.UnionWith(_held.Keys);
        if (_changedChildren.Count == 0) _freshUpTo = _changes;
        _lossesSeen = losses;
        _version++;
    }

    /// <summary>The children themselves are wanted (a drill-down): after a stored sum was loaded, they are asked.</summary>
    public void NeedChildren()
    {
        if (_built && !_childrenKnown) _rebuild = true;
    }

    /// <summary>A change made here (own records, own level).</summary>
    public void OwnChange(TDelta delta)
    {
        if (_figures is null) return;
        algebra.Apply(_figures, delta);
        algebra.Add(_sinceParent ??= algebra.NewSum(), delta);
        _version++;
    }

    /// <summary>A new parent knows nothing of this subtree yet; it will ask for everything.</summary>
    public void ParentChanged()
    {
        _parentHolds = false;
        ForgetParentVersion();
    }

    /// <summary>No answer to the parent can be a change since its version any more: the next one is all the figures.</summary>
    private void ForgetParentVersion()
    {
        _parentVersion = -1;
        _sinceParent = default;
    }

    /// <summary>
    /// The parent asks for the changes since <paramref name="known"/>; call on fresh figures. A
    /// settled answer ends the parent's hold, so the next change asks for one again.
    /// </summary>
    public (SubtreeVersion Version, bool IsFull, TDelta Delta, bool Settled) AnswerParent(SubtreeVersion known)
    {
        var current = new SubtreeVersion(instance, _version);
        var (isFull, delta) = _parentVersion >= 0 && known == new SubtreeVersion(instance, _parentVersion)
            ? (false, algebra.ToDelta(_sinceParent ?? algebra.NewSum()))
            : (true, algebra.All(Figures));
        _parentVersion = _version;
        _sinceParent = default;
        var settled = IsSettled;
        if (settled) _parentHolds = false;
        return (current, isFull, delta, settled);
    }

    /// <summary>
    /// The calls that bring the figures up to date, or null when they already cover every change
    /// told up to <paramref name="changes"/>. A rebuild starts the figures again from
    /// <paramref name="ownAll"/> at once, so that own changes made while the children answer land in them.
    /// </summary>
    public RefreshPlan? Plan(long changes, long losses, IReadOnlyList<string> childLinks, Func<TDelta> ownAll)
    {
        if (IsFreshFor(changes, losses)) return null;
        // A lost silo may have stored a change and told no one; a held child is where it would be.
        if (_lossesSeen != losses) _changedChildren.UnionWith(_held.Keys);
        if (!IsWhole || (!_childrenKnown && _changedChildren.Count > 0))
        {
            _changedChildren.Clear();
            _childVersions.Clear();
            _children.Clear();
            _ordered = null;
            _rebuild = false;
            _figures = algebra.Empty();
            algebra.Apply(_figures, ownAll());
            return new RefreshPlan(rebuild: true, [.. childLinks.Select(childId => (childId, SubtreeVersion.Unknown))], _changes, losses, _holds);
        }

        var ask = _changedChildren.Select(childId => (childId, _childVersions.GetValueOrDefault(childId, SubtreeVersion.Unknown))).ToList();
        _changedChildren.Clear();
        return new RefreshPlan(rebuild: false, ask, _changes, losses, _holds);
    }

    /// <summary>The answers of <paramref name="plan"/>'s calls, in its order; gives the links to children that no longer belong here.</summary>
    public IReadOnlyList<string> Complete(RefreshPlan plan, IReadOnlyList<ChildAnswer<TDelta, TChild>> answers)
    {
        var stale = new List<string>();
        for (var i = 0; i < plan.Ask.Count; i++)
        {
            var childId = plan.Ask[i].ChildId;
            var answer = answers[i];
            Settle(childId, answer, plan.HoldsBefore);
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
            ForgetParentVersion();
            _built = true;
            _childrenKnown = true;
        }

        if (!_rebuild)
        {
            _freshUpTo = plan.UpTo;
            _lossesSeen = plan.Losses;
        }

        return stale;
    }

    /// <summary>
    /// A child that no longer belongs here, or answered settled, is held no more, unless it asked
    /// for a hold after it was asked; one that answered unsettled is held until it settles.
    /// </summary>
    private void Settle(string childId, ChildAnswer<TDelta, TChild> answer, long holdsBefore)
    {
        if (!answer.Member || answer.Settled)
        {
            if (_held.TryGetValue(childId, out var hold) && hold <= holdsBefore) _held.Remove(childId);
        }
        else
        {
            _held.TryAdd(childId, 0);
        }
    }

    /// <summary>A call of <paramref name="plan"/> failed: nothing it asked may be taken as known.</summary>
    public void Fail(RefreshPlan plan)
    {
        if (plan.IsRebuild)
        {
            // Half-built figures must never pass for fresh, nor reach the parent as a change.
            _rebuild = true;
            ForgetParentVersion();
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
