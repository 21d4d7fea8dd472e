namespace DongDa.Hierarchy.Rollup;

/// <summary>
/// What <see cref="SubtreeProtocol{TDelta, TFigures, TChild}"/> needs to know of the figures it
/// keeps exact: how to start from nothing, add a change, give everything as one change, and merge
/// changes. The grains use the real figures; the property tests use a count per record, so that a
/// record counted twice or missed shows.
/// </summary>
/// <typeparam name="TDelta">A change to a subtree's figures, or (from nothing) all of them; immutable.</typeparam>
/// <typeparam name="TFigures">A subtree's figures, changed in place.</typeparam>
public interface IFigureAlgebra<TDelta, TFigures>
{
    TFigures Empty();

    void Apply(TFigures figures, TDelta delta);

    /// <summary>All of <paramref name="figures"/>, as one change from nothing.</summary>
    TDelta All(TFigures figures);

    /// <summary>The changes one after another, as one change.</summary>
    TDelta Merge(IReadOnlyList<TDelta> deltas);
}
