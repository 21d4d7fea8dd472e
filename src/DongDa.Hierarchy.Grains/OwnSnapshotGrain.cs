using DongDa.Hierarchy.Figures;

namespace DongDa.Hierarchy.Grains;

/// <summary>Holds the snapshot of one organization's older own counters.</summary>
[GrainType("ownsnapshot")]
public sealed class OwnSnapshotGrain(
    [PersistentState("ownSnapshot", StorageNames.Hierarchy)] IPersistentState<OwnSnapshotState> state) : Grain, IOwnSnapshotGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        HierarchyTelemetry.RecordRowsLoaded("own_snapshot", state.RecordExists ? 1 : 0);
        return Task.CompletedTask;
    }

    public Task<OwnCounters?> Get() => Task.FromResult(state.State.Counters);

    public async Task Put(OwnCounters counters)
    {
        var previous = state.State.Counters;
        state.State.Counters = counters;
        await state.WriteOrUndo("storage write own snapshot", undo: () => state.State.Counters = previous, DeactivateOnIdle);
    }
}

[GenerateSerializer, Alias("dongda.OwnSnapshotState")]
public sealed record OwnSnapshotState
{
    [Id(0)] public OwnCounters? Counters { get; set; }
}
