using CsCheck;

namespace DongDa.Hierarchy.Rollup.Tests;

/// <summary>
/// Random sequences of writes, moves, reactivations, silo losses (with a write stored and never
/// told), retries and reads, with calls failing before or after their callee acted, against a
/// brute-force sum of what is stored.
/// CsCheck shrinks a failing sequence to a short one and prints it with its seed.
/// </summary>
public sealed class SubtreeProtocolProperties
{
    /// <summary>Two districts, four wards, six cells.</summary>
    private static readonly (string Id, string? Parent, int Level)[] Forest =
    [
        ("d0", null, 0), ("d1", null, 0),
        ("g0", "d0", 1), ("g1", "d0", 1), ("g2", "d1", 1), ("g3", "d1", 1),
        ("c0", "g0", 2), ("c1", "g0", 2), ("c2", "g1", 2), ("c3", "g2", 2), ("c4", "g3", 2), ("c5", "g3", 2),
    ];

    private enum Kind { Write, Move, Reactivate, LoseSilo, Retry, Read, Crash, StoreSummary, Restart }

    private sealed record Op(Kind Kind, int Node, int Target, int FailCalls, bool AfterAnswer)
    {
        public override string ToString() => $"{Kind}({Forest[Node].Id}{(Kind == Kind.Move ? "→" + Target : "")}{(FailCalls > 0 ? $", call {FailCalls} fails{(AfterAnswer ? " after answering" : "")}" : "")})";
    }

    private static readonly Gen<Op> Ops = Gen.Select(
        Gen.Frequency((6, Gen.Const(Kind.Write)), (2, Gen.Const(Kind.Move)), (2, Gen.Const(Kind.Reactivate)),
            (1, Gen.Const(Kind.LoseSilo)), (2, Gen.Const(Kind.Retry)), (3, Gen.Const(Kind.Read)), (1, Gen.Const(Kind.Crash)),
            (3, Gen.Const(Kind.StoreSummary)), (1, Gen.Const(Kind.Restart))),
        Gen.Int[0, Forest.Length - 1],
        Gen.Int[0, 3],
        Gen.Frequency((3, Gen.Const(0)), (1, Gen.Int[1, 4])),
        Gen.Bool,
        (kind, node, target, fail, after) => new Op(kind, node, target, fail, after));

    [Fact]
    public void Every_stored_record_is_counted_exactly_once_at_every_organization_once_the_retries_are_through()
    {
        Ops.Array[1, 60].Sample(ops =>
        {
            var sim = Run(ops);
            Flush(sim);
            foreach (var node in sim.Nodes.Keys)
            {
                AssertCounts(sim.Expected(node), sim.Read(node) ?? throw new InvalidOperationException("a read failed without injected failures"), node);
            }
        }, iter: 20000, print: Print);
    }

    [Fact]
    public void An_acknowledged_write_is_counted_once_at_its_root_at_the_next_read() =>
        Ops.Array[1, 60].Sample(AssertAcknowledgedWritesCounted, iter: 20000, print: Print);

    /// <summary>
    /// A sequence the property above found: a ward moved to another district and could not tell it
    /// (its retry pending); a cell below it, which had told the ward before, skipped telling it
    /// again, so its next write was acknowledged while the district did not know to ask. A telling
    /// that has ended no longer stands for later changes.
    /// </summary>
    [Theory]
    [InlineData("Read(g3); Read(c4); LoseSilo(c4); Read(d0); Write(g0); Retry(g0); Reactivate(c1); Reactivate(c4); Retry(c1); Write(c3); Write(g1); Move(c5→1, call 4 fails); Write(g2); Move(g1→3, call 1 fails); Read(c3); Write(g2); Write(c5)")]
    public void An_acknowledged_write_in_a_sequence_that_once_failed_is_counted_at_its_root(string sequence) =>
        AssertAcknowledgedWritesCounted([.. sequence.Split("; ").Select(Parse)]);

    private static void AssertAcknowledgedWritesCounted(Op[] ops)
    {
        var sim = Build();
        foreach (var op in ops)
        {
            var before = sim.Nodes.Values.Sum(node => node.Own.Count);
            var acknowledged = Apply(sim, op);
            if (op.Kind != Kind.Write || !acknowledged) continue;

            var node = sim.Nodes[Forest[op.Node].Id];
            var record = node.Own.Keys.Last();
            var root = RootOf(sim, node.Id);
            var figures = sim.Read(root) ?? throw new InvalidOperationException("a read failed without injected failures");
            Assert.True(figures.GetValueOrDefault(record) == 1,
                $"{record}, acknowledged at {node.Id}, is counted {figures.GetValueOrDefault(record)} times at {root} ({before} records before it)");
        }
    }

    /// <summary>
    /// Sequences the properties found, kept so that each is run every time. The first made a cell
    /// answer its ward once after a reactivation, with the answer lost; its version numbers had
    /// started again from zero and the ward's old version matched one of the new activation's, so
    /// a later answer was taken as the change since then and the lost record was never counted.
    /// Versions now carry their activation's id.
    /// </summary>
    [Theory]
    [InlineData("Read(c0); Read(c1, call 3 fails after answering); Read(g3, call 4 fails); Write(g2); Read(c5); LoseSilo(d0, call 3 fails); Write(d0); Read(g2); Retry(c1); Read(g2); Write(c1); Write(g3); Move(c2→0, call 3 fails after answering); Write(c0); Write(c0); Write(g0); Retry(d1); Reactivate(c1); Reactivate(c4); Reactivate(c3); Reactivate(d0); Write(g0); Write(g1, call 4 fails); Move(c3→2); Reactivate(g1); Reactivate(d1); Write(g0); Write(c3, call 3 fails after answering); Read(g0); Retry(g2); Read(d1, call 1 fails after answering); Write(c3); Move(g1→0); Retry(d1); Read(c5); Read(c2, call 4 fails after answering)")]
    public void A_sequence_that_once_failed_counts_every_record_once(string sequence)
    {
        var sim = Run([.. sequence.Split("; ").Select(Parse)]);
        Flush(sim);
        foreach (var node in sim.Nodes.Keys) AssertCounts(sim.Expected(node), sim.Read(node)!, node);
    }

    /// <summary>
    /// The point of storing the children's sum: once every organization has stored it, a cold read
    /// at the root asks no child. A write below marks its path out of date before it is stored, so
    /// after another restart, with no telling owed any more, the root still counts it.
    /// </summary>
    [Fact]
    public void A_cold_read_of_stored_sums_asks_no_child_and_a_later_write_below_still_counts_after_a_crash()
    {
        var sim = Build();
        foreach (var (id, _, _) in Forest) Assert.True(sim.Write(id));
        foreach (var (id, _, _) in Forest) sim.Read(id);
        foreach (var (id, _, _) in Forest) sim.StoreSummary(id);
        sim.Restart();

        var before = sim.ChildCalls;
        AssertCounts(sim.Expected("d0"), sim.Read("d0")!, "d0");
        Assert.Equal(before, sim.ChildCalls);

        Assert.True(sim.Write("c0"));
        sim.Restart();
        AssertCounts(sim.Expected("d0"), sim.Read("d0")!, "d0");
        Assert.True(sim.ChildCalls > before, "the root read its stored sum although a write below had marked it out of date");
    }

    /// <summary>Reads back what <see cref="Op.ToString"/> printed.</summary>
    private static Op Parse(string text)
    {
        var match = System.Text.RegularExpressions.Regex.Match(text, @"^(\w+)\((\w+)(?:→(\d))?(?:, call (\d) fails( after answering)?)?\)$");
        Assert.True(match.Success, $"not a step: {text}");
        return new Op(
            Enum.Parse<Kind>(match.Groups[1].Value),
            Array.FindIndex(Forest, org => org.Id == match.Groups[2].Value),
            match.Groups[3].Success ? int.Parse(match.Groups[3].Value) : 0,
            match.Groups[4].Success ? int.Parse(match.Groups[4].Value) : 0,
            match.Groups[5].Success);
    }

    private static Simulation Build()
    {
        var sim = new Simulation();
        foreach (var (id, parent, level) in Forest) sim.Add(id, parent, level);
        return sim;
    }

    private static Simulation Run(Op[] ops)
    {
        var sim = Build();
        foreach (var op in ops) Apply(sim, op);
        return sim;
    }

    /// <summary>Carries out one step; true when it was acknowledged (for a write or move) or had nothing to acknowledge.</summary>
    private static bool Apply(Simulation sim, Op op)
    {
        var (id, _, level) = Forest[op.Node];
        sim.FailCall(op.FailCalls, op.AfterAnswer);
        try
        {
            switch (op.Kind)
            {
                case Kind.Write:
                    return sim.Write(id);
                case Kind.Move when level > 0:
                    // A cell to any ward, a ward to either district.
                    var targets = Forest.Where(candidate => candidate.Level == level - 1).ToArray();
                    return sim.Move(id, targets[op.Target % targets.Length].Id);
                case Kind.Reactivate:
                    sim.Reactivate(id);
                    return true;
                case Kind.LoseSilo:
                    sim.LoseSilo();
                    return true;
                case Kind.Retry:
                    sim.Retry(id);
                    return true;
                case Kind.Read:
                    sim.Read(id);
                    return true;
                case Kind.Crash:
                    sim.Crash(id);
                    return true;
                case Kind.StoreSummary:
                    sim.StoreSummary(id);
                    return true;
                case Kind.Restart:
                    sim.Restart();
                    return true;
                default:
                    return true;
            }
        }
        finally
        {
            sim.FailCall(0, false);
        }
    }

    /// <summary>The retry timers tick until every organization has told its parents.</summary>
    private static void Flush(Simulation sim)
    {
        for (var round = 0; sim.Owing.Count > 0; round++)
        {
            Assert.True(round < 20, $"still owing after {round} rounds: {string.Join(", ", sim.Owing)}");
            foreach (var id in sim.Owing.ToList()) sim.Retry(id);
        }
    }

    private static string RootOf(Simulation sim, string id) => sim.Nodes[id].Parent is { } parent ? RootOf(sim, parent) : id;

    private static void AssertCounts(Dictionary<string, long> expected, Dictionary<string, long> actual, string node)
    {
        var wrong = expected.Keys.Union(actual.Keys)
            .Where(record => expected.GetValueOrDefault(record) != actual.GetValueOrDefault(record))
            .Select(record => $"{record}: {actual.GetValueOrDefault(record)} (expected {expected.GetValueOrDefault(record)})")
            .ToList();
        Assert.True(wrong.Count == 0, $"at {node}: {string.Join(", ", wrong)}");
    }

    private static string Print(Op[] ops) => string.Join("; ", ops.Select(op => op.ToString()));
}
