namespace DongDa.Hierarchy.Metrics;

/// <summary>
/// Names the state an organization answered a read from: equal stamps, equal answers. A client that
/// kept an answer with its stamp asks with it and gets no answer back while nothing changed, so a
/// read of figures that did not move costs one small call and no copying or serializing.
/// </summary>
/// <remarks>
/// Every part only grows within an activation, and the activations are named: the organization's
/// activation and count of changes to its own state (stored writes, details, a move under way), its
/// subtree figures' version, and the version of its root's structure guard (a move anywhere under
/// the root changes the path a drill-down shows).
/// </remarks>
[GenerateSerializer, Immutable, Alias("dongda.AnswerStamp")]
public readonly record struct AnswerStamp(
    [property: Id(0)] Guid Activation,
    [property: Id(1)] long Own,
    [property: Id(2)] long Subtree,
    [property: Id(3)] Guid Guard,
    [property: Id(4)] long GuardEpoch);

/// <summary>A rollup with its stamp; <see cref="Rollup"/> is null when the stamp is the one the caller has seen.</summary>
[GenerateSerializer, Immutable, Alias("dongda.StampedRollup")]
public sealed record StampedRollup
{
    [Id(0)] public required AnswerStamp Stamp { get; init; }
    [Id(1)] public SubtreeRollup? Rollup { get; init; }
}

/// <summary>A drill-down with its stamp; <see cref="Drilldown"/> is null when the stamp is the one the caller has seen.</summary>
[GenerateSerializer, Immutable, Alias("dongda.StampedDrilldown")]
public sealed record StampedDrilldown
{
    [Id(0)] public required AnswerStamp Stamp { get; init; }
    [Id(1)] public SubtreeDrilldown? Drilldown { get; init; }
}
