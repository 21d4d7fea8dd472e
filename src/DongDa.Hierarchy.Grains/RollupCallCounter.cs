namespace DongDa.Hierarchy.Grains;

/// <summary>
/// Counts the grain calls that carry the rollup marker: every call a rollup causes, on whichever
/// silo it lands, since the request context travels with each call.
/// </summary>
public sealed class RollupCallCounter : IIncomingGrainCallFilter
{
    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (RequestContext.Get(HierarchyTelemetry.RollupMarker) is not null) HierarchyTelemetry.RollupGrainCalls.Add(1);
        return context.Invoke();
    }
}
