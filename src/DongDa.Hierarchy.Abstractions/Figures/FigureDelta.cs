namespace DongDa.Hierarchy.Figures;

/// <summary>
/// A change to a subtree's figures, or (from nothing) all of them: day-keyed counters, Hồ Chí Minh
/// study registration points and organization counts. Sparse, so that one record's change is a
/// handful of numbers however large the subtree.
/// </summary>
/// <remarks>
/// Counter keys pack (day number, conductor level, figure); registration keys pack (level, day,
/// previous registration day of the same organization) — see <c>FigureKeys</c> in the grains.
/// </remarks>
[GenerateSerializer, Immutable, Alias("dongda.FigureDelta")]
public sealed record FigureDelta
{
    public static FigureDelta Empty { get; } = new() { CounterKeys = [], CounterValues = [], PointKeys = [], PointValues = [], OrgCounts = [0, 0, 0, 0] };

    [Id(0)] public required long[] CounterKeys { get; init; }
    [Id(1)] public required long[] CounterValues { get; init; }
    [Id(2)] public required long[] PointKeys { get; init; }
    [Id(3)] public required long[] PointValues { get; init; }

    /// <summary>Organizations added (or removed, negative) per level, top to bottom.</summary>
    [Id(4)] public required long[] OrgCounts { get; init; }

    public bool IsEmpty => CounterKeys.Length == 0 && PointKeys.Length == 0 && OrgCounts.All(count => count == 0);
}

/// <summary>What a child tells its parent when asked for the changes to its subtree.</summary>
[GenerateSerializer, Immutable, Alias("dongda.SubtreeChanges")]
public sealed record SubtreeChanges
{
    /// <summary>False when the child does not (or no longer) name the asking parent; nothing else is set then.</summary>
    [Id(0)] public required bool Member { get; init; }

    /// <summary>The version of the child's subtree figures this answer brings the parent to, numbered within the activation <see cref="Instance"/>.</summary>
    [Id(1)] public long Version { get; init; }

    /// <summary>The child's activation that numbered <see cref="Version"/>.</summary>
    [Id(5)] public Guid Instance { get; init; }

    /// <summary>True when <see cref="Delta"/> holds all the figures rather than the change since the parent's version.</summary>
    [Id(2)] public bool IsFull { get; init; }

    [Id(3)] public FigureDelta Delta { get; init; } = FigureDelta.Empty;

    /// <summary>The child as it stands when it answers, so that the parent can list its children without asking them again.</summary>
    [Id(4)] public Organizations.OrgSnapshot? Org { get; init; }

    /// <summary>True when everything stored in the child's subtree is in the answer: nothing being written there, nothing held below it.</summary>
    [Id(6)] public bool Settled { get; init; }
}
