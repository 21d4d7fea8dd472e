namespace DongDa.Hierarchy.Grains;

/// <summary>How every grain here writes its state.</summary>
internal static class StateWrites
{
    /// <summary>
    /// Writes the state in a span named <paramref name="span"/>; on failure undoes the change in
    /// memory and lets the activation go, because a write that timed out may still have committed,
    /// and only a fresh read can tell.
    /// </summary>
    public static async Task WriteOrUndo<T>(this IPersistentState<T> state, string span, Action undo, Action deactivate)
    {
        using var activity = HierarchyTelemetry.Source.StartActivity(span);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            undo();
            deactivate();
            throw;
        }
    }
}
