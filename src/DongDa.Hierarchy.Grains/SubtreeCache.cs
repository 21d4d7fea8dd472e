using DongDa.Hierarchy.Figures;
using DongDa.Hierarchy.Grains.Figures;
using DongDa.Hierarchy.Organizations;

namespace DongDa.Hierarchy.Grains;

/// <summary>
/// The figures an organization knows of its subtree, and the bookkeeping that keeps them exact with
/// work proportional to what changed: which children changed since they were last asked, which
/// version of each child is included, and what changed here since the parent last asked.
/// </summary>
/// <remarks>
/// Versions are per activation. A child that cannot give the change since the parent's version
/// (it was reactivated, or an answer was lost) gives all its figures instead, and the parent then
/// sums its whole subtree again rather than trust an old contribution it cannot subtract.
/// </remarks>
internal sealed class SubtreeCache(SiloLosses losses)
{
    private readonly Dictionary<string, long> _childVersions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OrgSnapshot> _children = new(StringComparer.Ordinal);
    private IReadOnlyList<OrgSnapshot>? _childrenByName;
    private readonly HashSet<string> _changedChildren = new(StringComparer.Ordinal);
    private SubtreeFigures? _figures;
    private bool _built;
    private bool _rebuild;
    private long _version;
    private long _parentVersion = -1;
    private FigureDeltaBuilder _sinceParent = new();
    private long _changes;
    private long _freshUpTo = -1;
    private Task? _freshening;

    /// <summary>Silo losses seen when the figures were last summed from all children.</summary>
    private long _builtAfterLosses = -1;

    public SubtreeFigures Figures => _figures!;

    /// <summary>The children whose figures are included.</summary>
    public IReadOnlyList<string> MemberIds => [.. _childVersions.Keys];

    /// <summary>Those children as they stood when they last answered, ordered by name; sorted again only after a change.</summary>
    public IReadOnlyList<OrgSnapshot> ChildrenByName => _childrenByName ??= [.. _children.Values.Order(OrgNameOrder.Instance)];

    /// <summary>Whether a rollup now needs no child to answer: nothing changed since the last one.</summary>
    public bool IsFresh => IsWhole && _freshUpTo >= _changes;

    /// <summary>Summed, with nothing known to be missing: no failed refresh, and no silo lost since.</summary>
    private bool IsWhole => _built && !_rebuild && _builtAfterLosses == losses.Count;

    public void MarkChanged(string childId)
    {
        _changedChildren.Add(childId);
        _changes++;
    }

    /// <summary>A new parent knows nothing of this subtree yet; it will ask for everything.</summary>
    public void ForgetParent()
    {
        _parentVersion = -1;
        _sinceParent = new FigureDeltaBuilder();
    }

    /// <summary>A change made here (own records, own level).</summary>
    public void Absorb(FigureDelta delta)
    {
        if (_figures is null || delta.IsEmpty) return;
        _figures.Apply(delta);
        _sinceParent.Add(delta);
        _version++;
    }

    public SubtreeChanges ChangesFor(long knownVersion)
    {
        var answer = knownVersion >= 0 && knownVersion == _parentVersion
            ? new SubtreeChanges { Member = true, Version = _version, Delta = _sinceParent.Build() }
            : new SubtreeChanges { Member = true, Version = _version, IsFull = true, Delta = _figures!.ToDelta() };
        _parentVersion = _version;
        _sinceParent = new FigureDeltaBuilder();
        return answer;
    }

    /// <summary>
    /// Brings the figures up to date with every change told before this call. Concurrent callers
    /// share one refresh at a time, so that each child is asked once per change.
    /// </summary>
    public async Task EnsureFresh(OrganizationGrain org)
    {
        var target = _changes;
        while (!IsWhole || _freshUpTo < target)
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
        if (!IsWhole)
        {
            await Build(org);
            return;
        }

        var upTo = _changes;
        var changed = _changedChildren.ToArray();
        _changedChildren.Clear();
        try
        {
            var answers = await BoundedFanOut.Run(changed,
                childId => org.Child(childId).GetChanges(org.OrgId, _childVersions.GetValueOrDefault(childId, -1)));
            for (var i = 0; i < changed.Length; i++)
            {
                var known = _childVersions.ContainsKey(changed[i]);
                if (known && (!answers[i].Member || answers[i].IsFull))
                {
                    // A child left, or its old contribution is unknown: sum everything again.
                    _rebuild = true;
                }
                else if (answers[i].Member)
                {
                    Absorb(answers[i].Delta);
                    Include(changed[i], answers[i]);
                }
            }
        }
        catch
        {
            foreach (var childId in changed) _changedChildren.Add(childId);
            throw;
        }

        if (_rebuild)
        {
            await Build(org);
            return;
        }

        _freshUpTo = upTo;
    }

    private async Task Build(OrganizationGrain org)
    {
        var upTo = _changes;
        var lossesBefore = losses.Count;
        _changedChildren.Clear();
        _childVersions.Clear();
        _children.Clear();
        _childrenByName = null;
        _rebuild = false;

        // Own changes made while the children answer land in these figures too.
        _figures = new SubtreeFigures();
        _figures.Apply(org.Own.AddAll(new FigureDeltaBuilder(), org.Level).Build());

        var childIds = org.ChildIds.ToArray();
        List<SubtreeChanges> answers;
        try
        {
            answers = await BoundedFanOut.Run(childIds, childId => org.Child(childId).GetChanges(org.OrgId, -1));
        }
        catch
        {
            // Half-built figures must never pass for fresh, nor reach the parent as a change.
            _rebuild = true;
            ForgetParent();
            throw;
        }

        var stale = new List<string>();
        for (var i = 0; i < childIds.Length; i++)
        {
            if (!answers[i].Member)
            {
                stale.Add(childIds[i]);
                continue;
            }

            _figures.Apply(answers[i].Delta);
            Include(childIds[i], answers[i]);
        }

        org.ForgetStale(stale);
        _version++;
        ForgetParent();
        _built = true;
        _builtAfterLosses = lossesBefore;
        _freshUpTo = upTo;
    }

    private void Include(string childId, SubtreeChanges answer)
    {
        _childVersions[childId] = answer.Version;
        _children[childId] = answer.Org!;
        _childrenByName = null;
    }
}
