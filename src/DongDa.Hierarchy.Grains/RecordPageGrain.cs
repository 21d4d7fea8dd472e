using DongDa.Hierarchy.Records;

namespace DongDa.Hierarchy.Grains;

[GenerateSerializer, Alias("dongda.RecordPageState")]
public sealed record RecordPageState
{
    [Id(0)] public List<OrgRecord> Records { get; set; } = [];
}

/// <summary>
/// A fixed-capacity page of one organization's records; the organization decides what goes where.
/// Readers see only what is stored, and appending a revision of a record the page already holds
/// changes nothing, so a retried write can neither show nor store a revision twice.
/// </summary>
[GrainType("recordpage")]
public sealed class RecordPageGrain(
    [PersistentState(RecordPageGrain.StateName, StorageNames.Hierarchy)] IPersistentState<RecordPageState> state) : Grain, IRecordPageGrain
{
    /// <summary>The page's row, which an organization also reads directly on activation (see <see cref="OwnRecords.HasUnsummarized"/>).</summary>
    internal const string StateName = "recordPage";

    /// <summary>The records as stored; during a write the state already holds the longer list.</summary>
    private List<OrgRecord> _stored = [];

    /// <summary>The revisions stored, kept beside the list so that a write does not rebuild it from the page.</summary>
    private readonly HashSet<(string RecordId, int Revision)> _known = [];

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _stored = state.State.Records;
        foreach (var record in _stored) _known.Add((record.RecordId, record.Revision));
        HierarchyTelemetry.RecordRowsLoaded("record_page", state.RecordExists ? 1 : 0);
        return Task.CompletedTask;
    }

    public async Task Append(IReadOnlyList<OrgRecord> records)
    {
        var added = records.Where(record => !_known.Contains((record.RecordId, record.Revision))).DistinctBy(record => (record.RecordId, record.Revision)).ToList();
        if (added.Count == 0) return;
        if (_stored.Count + added.Count > IRecordPageGrain.Capacity)
        {
            throw new InvalidOperationException($"Page {this.GetPrimaryKeyString()} would exceed {IRecordPageGrain.Capacity} records.");
        }

        List<OrgRecord> next = [.. _stored, .. added];
        state.State.Records = next;
        await state.WriteOrUndo("storage write record page", undo: () => state.State.Records = _stored, DeactivateOnIdle);
        _stored = next;
        foreach (var record in added) _known.Add((record.RecordId, record.Revision));
    }

    public Task<IReadOnlyList<OrgRecord>> GetRecords() => Task.FromResult<IReadOnlyList<OrgRecord>>(_stored);
}
