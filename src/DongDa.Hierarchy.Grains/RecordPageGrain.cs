using DongDa.Hierarchy.Records;

namespace DongDa.Hierarchy.Grains;

[GenerateSerializer, Alias("dongda.RecordPageState")]
public sealed record RecordPageState
{
    [Id(0)] public List<OrgRecord> Records { get; set; } = [];
}

/// <summary>A fixed-capacity page of one organization's records; the organization decides what goes where.</summary>
public sealed class RecordPageGrain(
    [PersistentState("recordPage", StorageNames.Hierarchy)] IPersistentState<RecordPageState> state) : Grain, IRecordPageGrain
{
    public async Task Append(IReadOnlyList<OrgRecord> records)
    {
        if (state.State.Records.Count + records.Count > IRecordPageGrain.Capacity)
        {
            throw new InvalidOperationException($"Page {this.GetPrimaryKeyString()} would exceed {IRecordPageGrain.Capacity} records.");
        }

        state.State.Records.AddRange(records);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.Records.RemoveRange(state.State.Records.Count - records.Count, records.Count);
            DeactivateOnIdle();
            throw;
        }
    }

    public Task<IReadOnlyList<OrgRecord>> GetRecords() => Task.FromResult<IReadOnlyList<OrgRecord>>(state.State.Records.ToArray());
}
