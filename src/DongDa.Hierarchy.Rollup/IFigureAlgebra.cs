namespace DongDa.Hierarchy.Rollup;

/// <summary>
/// What <see cref="SubtreeProtocol{TDelta, TFigures, TSum, TChild}"/> needs to know of the figures
/// it keeps exact: how to start from nothing, add a change, give everything as one change, and sum
/// changes as they come. The grains use the real figures; the property tests use a count per
/// record, so that a record counted twice or missed shows.
/// </summary>
/// <typeparam name="TDelta">A change to a subtree's figures, or (from nothing) all of them; immutable.</typeparam>
/// <typeparam name="TFigures">A subtree's figures, changed in place.</typeparam>
/// <typeparam name="TSum">Changes summed as they come, changed in place: what changed since the parent last asked.</typeparam>
public interface IFigureAlgebra<TDelta, TFigures, TSum>
{
    TFigures Empty();

    void Apply(TFigures figures, TDelta delta);

    /// <summary>All of <paramref name="figures"/>, as one change from nothing.</summary>
    TDelta All(TFigures figures);

    TSum NewSum();

    /// <summary>Adds <paramref name="delta"/> to <paramref name="sum"/>; costs the size of the delta, not of the sum.</summary>
    void Add(TSum sum, TDelta delta);

    TDelta ToDelta(TSum sum);
}
