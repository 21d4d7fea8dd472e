namespace DongDa.Hierarchy.Grains;

[GenerateSerializer, Alias("dongda.SeedLedgerState")]
public sealed record SeedLedgerState
{
    [Id(0)] public HashSet<string> LoadedVersions { get; set; } = [];
}

/// <summary>Remembers which dataset versions were loaded into the store.</summary>
[GrainType("seedledger")]
public sealed class SeedLedgerGrain(
    [PersistentState("seedLedger", StorageNames.Hierarchy)] IPersistentState<SeedLedgerState> state) : Grain, ISeedLedgerGrain
{
    public Task<bool> IsLoaded(string datasetVersion) => Task.FromResult(state.State.LoadedVersions.Contains(datasetVersion));

    public async Task MarkLoaded(string datasetVersion)
    {
        if (state.State.LoadedVersions.Add(datasetVersion))
        {
            await state.WriteStateAsync();
        }
    }
}
