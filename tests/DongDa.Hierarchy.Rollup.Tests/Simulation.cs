namespace DongDa.Hierarchy.Rollup.Tests;

/// <summary>A call that did not complete: refused, timed out, or its answer lost on the way back.</summary>
public sealed class CallFailed : Exception;

/// <summary>
/// A forest of organizations driving <see cref="SubtreeProtocol{TDelta, TFigures, TSum, TChild}"/> the way
/// the organization grain does, with the grain calls made synchronously and the storage a plain
/// field: child links, stored records and stored sums of the children survive a reactivation, the
/// protocol's state does not. The figures are a count per record, so that a record counted twice
/// or missed shows.
/// </summary>
public sealed class Simulation
{
    private readonly Dictionary<string, Node> _nodes = new(StringComparer.Ordinal);
    private long _losses;
    private int _callsBeforeFailure;
    private bool _failAfterAnswer;
    private int _nextRecord;

    /// <summary>Parents asked for their children's changes so far.</summary>
    public int ChildCalls { get; private set; }

    public IReadOnlyDictionary<string, Node> Nodes => _nodes;

    /// <summary>Organizations owing a "child changed" to a parent or former parent, as the retry timer holds them.</summary>
    public HashSet<string> Owing { get; } = new(StringComparer.Ordinal);

    public sealed class Node(string id, string? parent, int level)
    {
        public string Id { get; } = id;
        public int Level { get; } = level;
        public string? Parent { get; set; } = parent;
        public List<string> Links { get; } = [];
        public HashSet<string> FormerParents { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, long> Own { get; } = new(StringComparer.Ordinal);

        /// <summary>The stored sum of the children's figures; null while marked out of date.</summary>
        public Dictionary<string, long>? Stored { get; set; }

        public SubtreeProtocol<Counts, Dictionary<string, long>, Dictionary<string, long>, string> Protocol { get; set; } = NewProtocol();
    }

    private static int _activations;

    /// <summary>A new activation's protocol, named by a number the test can read rather than a random id.</summary>
    public static SubtreeProtocol<Counts, Dictionary<string, long>, Dictionary<string, long>, string> NewProtocol() =>
        new(CountAlgebra.Instance, StringComparer.Ordinal, new Guid(Interlocked.Increment(ref _activations), 0, 0, new byte[8]));

    public void Add(string id, string? parent, int level)
    {
        _nodes[id] = new Node(id, parent, level);
        if (parent is not null) _nodes[parent].Links.Add(id);
    }

    /// <summary>The next <paramref name="calls"/> calls succeed and the one after fails; 0 for none. <paramref name="afterAnswer"/>: the callee acts, the answer is lost.</summary>
    public void FailCall(int calls, bool afterAnswer)
    {
        _callsBeforeFailure = calls;
        _failAfterAnswer = afterAnswer;
    }

    private void Call(bool answered)
    {
        if (_callsBeforeFailure == 0 || answered != _failAfterAnswer) return;
        if (--_callsBeforeFailure == 0) throw new CallFailed();
    }

    /// <summary>A new record at <paramref name="id"/>; true when the write was acknowledged (its parent was told).</summary>
    public bool Write(string id)
    {
        var node = _nodes[id];
        if (!Acknowledged(() => BeginOwnWrite(node))) return false;
        var record = $"r{_nextRecord++}";
        node.Own[record] = 1;
        node.Protocol.OwnChange(Counts.Of(record));
        node.Protocol.EndOwnWrite(failed: false);
        return Acknowledged(() => NotifyParent(node));
    }

    /// <summary>Moves <paramref name="id"/> under <paramref name="newParent"/> as the grain does: attach, hold at both parents, store, tell the new parent, tell and leave the old one.</summary>
    public bool Move(string id, string newParent)
    {
        var node = _nodes[id];
        if (node.Parent is not { } oldParent || oldParent == newParent) return true;
        var target = _nodes[newParent];
        if (!target.Links.Contains(id)) target.Links.Add(id);
        if (!Acknowledged(() =>
        {
            BeginOwnWrite(node);
            try
            {
                Call(answered: false);
                ChildWillChange(target, id);
                Call(answered: true);
            }
            catch (CallFailed)
            {
                node.Protocol.EndOwnWrite(failed: false);
                throw;
            }
        }))
        {
            return false;
        }

        node.Parent = newParent;
        node.Protocol.ParentChanged();
        node.Protocol.EndOwnWrite(failed: false);
        node.FormerParents.Add(oldParent);
        var acknowledged = Acknowledged(() =>
        {
            NotifyParent(node);
            NotifyFormerParents(node);
        });

        // Dropping the old link is housekeeping: the grain logs a failure and the old parent drops it by itself later.
        Acknowledged(() => Detach(_nodes[oldParent], id));
        return acknowledged;
    }

    /// <summary>The grain is deactivated and activated again: it keeps what is stored and nothing else. One that owes a notification stays active.</summary>
    public void Reactivate(string id)
    {
        if (Owing.Contains(id)) return;
        Activate(_nodes[id]);
    }

    /// <summary>Every silo dies at once and the cluster starts again: only what is stored is left, no telling is owed any more.</summary>
    public void Restart()
    {
        Owing.Clear();
        foreach (var node in _nodes.Values)
        {
            node.FormerParents.Clear();
            Activate(node);
        }
    }

    /// <summary>The organization stores the sum of its children's figures, if it may (as its timer or its deactivation does).</summary>
    public void StoreSummary(string id)
    {
        var node = _nodes[id];
        if (!node.Protocol.CanStoreSummary(_losses)) return;
        var children = new Dictionary<string, long>(node.Protocol.Figures, StringComparer.Ordinal);
        CountAlgebra.Instance.Apply(children, new Counts(node.Own.ToDictionary(pair => pair.Key, pair => -pair.Value)));
        node.Stored = children;
    }

    private void Activate(Node node)
    {
        node.Protocol = NewProtocol();
        if (node.Stored is { } children) node.Protocol.LoadSummary(new Counts(children), new Counts(node.Own), _losses);
    }

    public void LoseSilo() => _losses++;

    /// <summary>
    /// The silo of <paramref name="id"/> dies after a record was stored there and before anyone was
    /// told: the record is stored (its holds were taken first), its activation and its retry timer
    /// are gone, and the other silos see the loss.
    /// </summary>
    public void Crash(string id)
    {
        var node = _nodes[id];
        if (Acknowledged(() => BeginOwnWrite(node))) node.Own[$"r{_nextRecord++}"] = 1;
        Activate(node);
        Owing.Remove(id);
        node.FormerParents.Clear();
        LoseSilo();
    }

    /// <summary>Begins a write of the node's own, with its parent asked to hold it first when needed; a failed call ends it unwritten.</summary>
    private void BeginOwnWrite(Node node)
    {
        if (!node.Protocol.BeginOwnWrite() || node.Parent is null) return;
        try
        {
            AskHold(node);
        }
        catch (CallFailed)
        {
            node.Protocol.EndOwnWrite(failed: false);
            throw;
        }
    }

    /// <summary>The node asks its parent to hold it.</summary>
    private void AskHold(Node node)
    {
        Call(answered: false);
        ChildWillChange(_nodes[node.Parent!], node.Id);
        Call(answered: true);
        node.Protocol.ParentHolds();
    }

    private void ChildWillChange(Node parent, string childId)
    {
        if (parent.Protocol.ChildWillChange(childId) && parent.Parent is not null) AskHold(parent);
        parent.Stored = null;
    }

    /// <summary>The retry timer of <paramref name="id"/> ticks.</summary>
    public void Retry(string id)
    {
        if (!Owing.Contains(id)) return;
        var node = _nodes[id];
        if (Acknowledged(() =>
        {
            NotifyFormerParents(node);
            NotifyParent(node);
        }))
        {
            Owing.Remove(id);
        }
    }

    /// <summary>A rollup read at <paramref name="id"/>: its figures, brought up to date; null when a call failed.</summary>
    public Dictionary<string, long>? Read(string id)
    {
        try
        {
            EnsureFresh(_nodes[id]);
            return _nodes[id].Protocol.Figures;
        }
        catch (CallFailed)
        {
            return null;
        }
    }

    /// <summary>The records below <paramref name="id"/> by what is stored, each once: what a rollup must give.</summary>
    public Dictionary<string, long> Expected(string id)
    {
        var expected = new Dictionary<string, long>(_nodes[id].Own, StringComparer.Ordinal);
        foreach (var child in _nodes.Values.Where(node => node.Parent == id))
        {
            foreach (var (record, count) in Expected(child.Id)) expected[record] = count;
        }

        return expected;
    }

    private bool Acknowledged(Action tell)
    {
        try
        {
            tell();
            return true;
        }
        catch (CallFailed)
        {
            return false;
        }
    }

    private void NotifyParent(Node node)
    {
        if (node.Parent is not { } parentId) return;
        try
        {
            ChildChanged(_nodes[parentId], node.Id);
        }
        catch (CallFailed)
        {
            Owing.Add(node.Id);
            throw;
        }

    }

    private void NotifyFormerParents(Node node)
    {
        foreach (var former in node.FormerParents.ToList())
        {
            try
            {
                ChildChanged(_nodes[former], node.Id);
            }
            catch (CallFailed)
            {
                Owing.Add(node.Id);
                throw;
            }

            node.FormerParents.Remove(former);
        }
    }

    private void ChildChanged(Node parent, string childId)
    {
        Call(answered: false);
        parent.Protocol.ChildChanged(childId);
        NotifyParent(parent);
        Call(answered: true);
    }

    private void Detach(Node parent, string childId)
    {
        if (_nodes[childId].Parent == parent.Id || !parent.Links.Remove(childId)) return;
        parent.Protocol.ChildChanged(childId);
        NotifyParent(parent);
    }

    private void EnsureFresh(Node node)
    {
        var protocol = node.Protocol;
        var target = protocol.Changes;
        while (!protocol.IsFreshFor(target, _losses))
        {
            var plan = protocol.Plan(protocol.Changes, _losses, [.. node.Links], () => new Counts(node.Own));
            if (plan is null) continue;
            var answers = new List<ChildAnswer<Counts, string>>();
            try
            {
                foreach (var (childId, known) in plan.Ask) answers.Add(GetChanges(_nodes[childId], node.Id, known));
            }
            catch (CallFailed)
            {
                protocol.Fail(plan);
                throw;
            }

            foreach (var stale in protocol.Complete(plan, answers)) Detach(node, stale);
        }
    }

    private ChildAnswer<Counts, string> GetChanges(Node child, string parentId, SubtreeVersion known)
    {
        Call(answered: false);
        ChildCalls++;
        if (child.Parent != parentId) return new ChildAnswer<Counts, string>(false, SubtreeVersion.Unknown, false, Counts.None, null, Settled: true);
        EnsureFresh(child);
        var (version, isFull, delta, settled) = child.Protocol.AnswerParent(known);
        Call(answered: true);
        return new ChildAnswer<Counts, string>(true, version, isFull, delta, child.Id, settled);
    }
}

/// <summary>A change to the count of each record.</summary>
public sealed class Counts(IReadOnlyDictionary<string, long> counts)
{
    public static Counts None { get; } = new(new Dictionary<string, long>());

    public IReadOnlyDictionary<string, long> Values { get; } = counts;

    public static Counts Of(string record) => new(new Dictionary<string, long> { [record] = 1 });
}

public sealed class CountAlgebra : IFigureAlgebra<Counts, Dictionary<string, long>, Dictionary<string, long>>
{
    public static CountAlgebra Instance { get; } = new();

    public Dictionary<string, long> Empty() => new(StringComparer.Ordinal);

    public void Apply(Dictionary<string, long> figures, Counts delta)
    {
        foreach (var (record, count) in delta.Values)
        {
            var sum = figures.GetValueOrDefault(record) + count;
            if (sum == 0) figures.Remove(record); else figures[record] = sum;
        }
    }

    public Counts All(Dictionary<string, long> figures) => new(new Dictionary<string, long>(figures, StringComparer.Ordinal));

    public Dictionary<string, long> NewSum() => Empty();

    public void Add(Dictionary<string, long> sum, Counts delta) => Apply(sum, delta);

    public Counts ToDelta(Dictionary<string, long> sum) => All(sum);
}
