using DongDa.Hierarchy.Records;
using Orleans.Storage;

namespace DongDa.Hierarchy.Grains;

/// <summary>
/// An organization's own records as stored: a log of revisions in arrival order, read from their
/// pages when first needed (a write's checks, a listing, the audit trail, revisions a crash left
/// beyond the summary), and the last revision of each record, which is the record. Rollups read
/// only the row of the page the next revision goes to, on activation, and not through its grain.
/// </summary>
internal sealed class OwnRecords
{
    private List<OrgRecord>? _log;
    private Dictionary<string, OrgRecord>? _current;

    private static IRecordPageGrain Page(IGrainFactory grains, string orgId, int page) => grains.GetGrain<IRecordPageGrain>($"{orgId}/{page}");

    /// <summary>
    /// Whether the pages hold revisions beyond the <paramref name="summarized"/> ones: a write stores
    /// its page before the summary, and a process that died in between leaves them there. Pages fill
    /// in order, so only the page the next revision would go to can hold them. Its row is read
    /// directly, not through its grain: an activation kept for a count would hold the page's records
    /// in memory, more than the organization itself takes.
    /// </summary>
    public static async Task<bool> HasUnsummarized(IGrainStorage storage, IGrainFactory grains, string orgId, int summarized)
    {
        var page = new GrainState<RecordPageState>(new RecordPageState());
        await storage.ReadStateAsync(RecordPageGrain.StateName, Page(grains, orgId, summarized / IRecordPageGrain.Capacity).GetGrainId(), page);
        HierarchyTelemetry.RecordRowsLoaded("record_page", page.RecordExists ? 1 : 0);
        return (page.State?.Records.Count ?? 0) > summarized % IRecordPageGrain.Capacity;
    }

    /// <summary>
    /// Loads the pages unless loaded; answers the revisions beyond the <paramref name="summarized"/>
    /// ones the summary covers, each with the revision it replaced.
    /// </summary>
    public async Task<List<(OrgRecord? Before, OrgRecord After)>> Load(IGrainFactory grains, string orgId, int summarized)
    {
        if (_log is not null) return [];
        var expectedPages = summarized / IRecordPageGrain.Capacity + 1;
        var pages = await BoundedFanOut.Run(Enumerable.Range(0, expectedPages).ToArray(), page => Page(grains, orgId, page).GetRecords());
        var log = pages.SelectMany(page => page).ToList();

        // A write that failed after its page was stored may have started a further page.
        for (var next = expectedPages; pages[^1].Count == IRecordPageGrain.Capacity; next++)
        {
            pages.Add(await Page(grains, orgId, next).GetRecords());
            log.AddRange(pages[^1]);
        }

        _log = [];
        _current = new Dictionary<string, OrgRecord>(StringComparer.Ordinal);
        var strays = new List<(OrgRecord?, OrgRecord)>();
        foreach (var revision in log)
        {
            var before = _current.GetValueOrDefault(revision.RecordId);
            // Pages refuse a revision they hold; this only guards old data.
            if (before is not null && revision.Revision <= before.Revision) continue;
            if (_log.Count >= summarized) strays.Add((before, revision));
            _log.Add(revision);
            _current[revision.RecordId] = revision;
        }

        return strays;
    }

    /// <summary>Sorts incoming records into replays, conflicts and new ones (stamped with <paramref name="now"/> and <paramref name="by"/>).</summary>
    public (List<(RecordWriteStatus Status, OrgRecord Stored)> Results, List<(OrgRecord? Before, OrgRecord After)> Staged) Stage(
        IReadOnlyList<OrgRecord> records, string orgId, DateTimeOffset now, string by)
    {
        var results = new List<(RecordWriteStatus, OrgRecord)>(records.Count);
        var staged = new List<(OrgRecord?, OrgRecord)>();
        var batch = new Dictionary<string, OrgRecord>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            var incoming = record with { OrgId = orgId, RecordedAt = default, Revision = 0, WithdrawnReason = null };
            if (_current!.TryGetValue(incoming.RecordId, out var existing) || batch.TryGetValue(incoming.RecordId, out existing))
            {
                // A withdrawn record's id stays taken: posting it again is a conflict, not a way back.
                var replay = !existing.IsWithdrawn && existing.HasSameContentAs(incoming);
                results.Add((replay ? RecordWriteStatus.Replayed : RecordWriteStatus.Conflict, existing));
                continue;
            }

            var stored = incoming with { RecordedAt = now, RecordedBy = by };
            batch[stored.RecordId] = stored;
            staged.Add((null, stored));
            results.Add((RecordWriteStatus.Created, stored));
        }

        return (results, staged);
    }

    /// <summary>
    /// The next revision of a stored record: <paramref name="change"/> applied to it (null when it
    /// changes nothing), stamped with <paramref name="now"/> and <paramref name="by"/>; or why there
    /// is none. A withdrawn record takes no revision: withdrawing it again changes nothing, and
    /// correcting it is a conflict.
    /// </summary>
    public (RecordWriteStatus Status, OrgRecord? Record, (OrgRecord? Before, OrgRecord After)? Staged) StageRevision(
        RecordKind kind, string recordId, Func<OrgRecord, OrgRecord?> change, DateTimeOffset now, string by)
    {
        if (!_current!.TryGetValue(recordId, out var current) || current.Kind != kind) return (RecordWriteStatus.NotFound, null, null);
        var next = change(current);
        if (current.IsWithdrawn) return (next is { IsWithdrawn: true } ? RecordWriteStatus.Unchanged : RecordWriteStatus.Conflict, current, null);
        if (next is null) return (RecordWriteStatus.Unchanged, current, null);
        var revision = next with { OrgId = current.OrgId, RecordId = recordId, Revision = current.Revision + 1, RecordedAt = now, RecordedBy = by };
        return (revision.IsWithdrawn ? RecordWriteStatus.Withdrawn : RecordWriteStatus.Corrected, revision, (current, revision));
    }

    /// <summary>The days with a study registration that counts once <paramref name="staged"/> are stored, in order.</summary>
    public List<int> RegistrationDaysWith(IEnumerable<(OrgRecord? Before, OrgRecord After)> staged)
    {
        var records = new Dictionary<string, OrgRecord>(_current!, StringComparer.Ordinal);
        foreach (var (_, after) in staged) records[after.RecordId] = after;
        return [.. records.Values
            .Where(record => record is { Kind: RecordKind.StudyRegistration, IsWithdrawn: false })
            .Select(record => record.Date.DayNumber)
            .Distinct()
            .Order()];
    }

    /// <summary>Appends to the last page and, when it fills, to new ones.</summary>
    public async Task AppendToPages(IReadOnlyList<OrgRecord> staged, IGrainFactory grains, string orgId)
    {
        var position = _log!.Count;
        for (var index = 0; index < staged.Count;)
        {
            var room = IRecordPageGrain.Capacity - position % IRecordPageGrain.Capacity;
            var chunk = staged.Skip(index).Take(Math.Min(room, staged.Count - index)).ToList();
            await Page(grains, orgId, position / IRecordPageGrain.Capacity).Append(chunk);
            position += chunk.Count;
            index += chunk.Count;
        }
    }

    public void Commit(IEnumerable<OrgRecord> stored)
    {
        foreach (var revision in stored)
        {
            _log!.Add(revision);
            _current![revision.RecordId] = revision;
        }
    }

    /// <summary>Drops what is in memory; the next use reads the pages again.</summary>
    public void Forget()
    {
        _log = null;
        _current = null;
    }

    /// <summary>Every revision, in the order stored, once loaded.</summary>
    public IReadOnlyList<OrgRecord> Log => _log!;

    public RecordPage List(RecordQuery query)
    {
        var direction = query.NewestFirst ? -1 : 1;
        var matching = _current!.Values
            .Where(record => record.Kind == query.Kind && (query.IncludeWithdrawn || !record.IsWithdrawn)
                && query.Period.Contains(record.Date) && (query.After is not { } after || direction * Compare(record.Date, record.RecordId, after.Date, after.RecordId) > 0))
            .Order(Comparer<OrgRecord>.Create((a, b) => direction * Compare(a.Date, a.RecordId, b.Date, b.RecordId)));
        var (items, last) = KeysetPage.Take(matching, query.Limit);
        return new RecordPage { Items = items, Next = last is null ? null : new RecordPosition { Date = last.Date, RecordId = last.RecordId } };
    }

    /// <summary>The listing's order: by date, then by record id.</summary>
    private static int Compare(DateOnly date, string recordId, DateOnly otherDate, string otherId)
    {
        var byDate = date.CompareTo(otherDate);
        return byDate != 0 ? byDate : string.CompareOrdinal(recordId, otherId);
    }
}
