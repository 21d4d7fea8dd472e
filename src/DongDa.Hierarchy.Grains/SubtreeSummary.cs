using DongDa.Hierarchy.Figures;

namespace DongDa.Hierarchy.Grains;

/// <summary>
/// The stored sum of an organization's children's subtree figures, so that a cold rollup reads one
/// row instead of activating the whole subtree. Its own figures are not in it: they are in its own
/// state, written with its own records, so its own writes never make this row out of date.
/// </summary>
[GenerateSerializer, Alias("dongda.SubtreeSummary")]
public sealed record SubtreeSummary
{
    /// <summary>The children's figures summed, as a change from nothing; null while a change below may be missing from it.</summary>
    [Id(0)] public FigureDelta? Children { get; set; }
}
