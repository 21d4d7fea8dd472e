using DongDa.Hierarchy.Records;

namespace DongDa.Hierarchy.Grains;

/// <summary>
/// An organization's own records, read from their pages when first needed (a write's duplicate
/// check, a listing, records a crash left beyond the summary) and kept in arrival order; rollups
/// read only the count of the last page, on activation.
/// </summary>
internal sealed class OwnRecords
{
    private List<OrgRecord>? _records;
    private Dictionary<string, OrgRecord>? _byId;

    private static IRecordPageGrain Page(IGrainFactory grains, string orgId, int page) => grains.GetGrain<IRecordPageGrain>($"{orgId}/{page}");

    /// <summary>
    /// Whether the pages hold records beyond the <paramref name="summarized"/> ones: a write stores
    /// its page before the summary, and a process that died in between leaves them there. Pages fill
    /// in order, so only the page the next record would go to can hold them.
    /// </summary>
    public static async Task<bool> HasUnsummarized(IGrainFactory grains, string orgId, int summarized) =>
        await Page(grains, orgId, summarized / IRecordPageGrain.Capacity).GetCount() > summarized % IRecordPageGrain.Capacity;

    /// <summary>Loads the pages unless loaded; answers the records beyond the <paramref name="summarized"/> ones the summary covers.</summary>
    public async Task<List<OrgRecord>> Load(IGrainFactory grains, string orgId, int summarized)
    {
        if (_records is not null) return [];
        var expectedPages = summarized / IRecordPageGrain.Capacity + 1;
        var pages = await BoundedFanOut.Run(Enumerable.Range(0, expectedPages).ToArray(), page => Page(grains, orgId, page).GetRecords());
        var records = pages.SelectMany(page => page).ToList();

        // A write that failed after its page was stored may have started a further page.
        for (var next = expectedPages; pages[^1].Count == IRecordPageGrain.Capacity; next++)
        {
            pages.Add(await Page(grains, orgId, next).GetRecords());
            records.AddRange(pages[^1]);
        }

        // The first of two records with one id wins; pages refuse repeats, so this only guards old data.
        _byId = new Dictionary<string, OrgRecord>(StringComparer.Ordinal);
        _records = records.Where(record => _byId.TryAdd(record.RecordId, record)).ToList();
        return _records.Count > summarized ? _records.GetRange(summarized, _records.Count - summarized) : [];
    }

    /// <summary>Sorts incoming records into replays, conflicts and new ones (stamped with <paramref name="now"/> and <paramref name="by"/>).</summary>
    public (List<(RecordWriteStatus Status, OrgRecord Stored)> Results, List<OrgRecord> Staged) Stage(
        IReadOnlyList<OrgRecord> records, string orgId, DateTimeOffset now, string by)
    {
        var results = new List<(RecordWriteStatus, OrgRecord)>(records.Count);
        var staged = new List<OrgRecord>();
        var batch = new Dictionary<string, OrgRecord>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            var incoming = record with { OrgId = orgId, RecordedAt = default };
            if (_byId!.TryGetValue(incoming.RecordId, out var existing) || batch.TryGetValue(incoming.RecordId, out existing))
            {
                results.Add((existing.HasSameContentAs(incoming) ? RecordWriteStatus.Replayed : RecordWriteStatus.Conflict, existing));
                continue;
            }

            var stored = incoming with { RecordedAt = now, RecordedBy = by };
            batch[stored.RecordId] = stored;
            staged.Add(stored);
            results.Add((RecordWriteStatus.Created, stored));
        }

        return (results, staged);
    }

    /// <summary>Appends to the last page and, when it fills, to new ones.</summary>
    public async Task AppendToPages(List<OrgRecord> staged, IGrainFactory grains, string orgId)
    {
        var position = _records!.Count;
        for (var index = 0; index < staged.Count;)
        {
            var room = IRecordPageGrain.Capacity - position % IRecordPageGrain.Capacity;
            var chunk = staged.GetRange(index, Math.Min(room, staged.Count - index));
            await Page(grains, orgId, position / IRecordPageGrain.Capacity).Append(chunk);
            position += chunk.Count;
            index += chunk.Count;
        }
    }

    public void Commit(List<OrgRecord> stored)
    {
        _records!.AddRange(stored);
        foreach (var record in stored) _byId![record.RecordId] = record;
    }

    /// <summary>Drops what is in memory; the next use reads the pages again.</summary>
    public void Forget()
    {
        _records = null;
        _byId = null;
    }

    /// <summary>Every record, once loaded.</summary>
    public IReadOnlyList<OrgRecord> All => _records!;

    public RecordPage List(RecordQuery query)
    {
        var matching = _records!
            .Where(record => record.Kind == query.Kind && query.Period.Contains(record.Date) && IsAfter(record, query.After))
            .OrderBy(record => record.Date)
            .ThenBy(record => record.RecordId, StringComparer.Ordinal);
        var (items, last) = KeysetPage.Take(matching, query.Limit);
        return new RecordPage { Items = items, Next = last is null ? null : new RecordPosition { Date = last.Date, RecordId = last.RecordId } };
    }

    private static bool IsAfter(OrgRecord record, RecordPosition? position) =>
        position is null
        || record.Date > position.Date
        || (record.Date == position.Date && string.CompareOrdinal(record.RecordId, position.RecordId) > 0);
}
