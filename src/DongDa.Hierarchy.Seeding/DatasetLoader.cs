using DongDa.Hierarchy.Organizations;
using DongDa.Hierarchy.Records;

namespace DongDa.Hierarchy.Seeding;

/// <summary>
/// Loads a dataset through the grains, once per store. Organizations that already exist are left
/// as they are and records are written by their fixed ids, so an interrupted load can simply run again.
/// </summary>
public sealed class DatasetLoader(IGrainFactory grains)
{
    private const int Parallelism = 16;
    private const string LedgerKey = "default";

    /// <summary>Loads <paramref name="dataset"/> unless it already was; answers whether it loaded now.</summary>
    public async Task<bool> LoadOnceAsync(Dataset dataset, CancellationToken cancellationToken)
    {
        var ledger = grains.GetGrain<ISeedLedgerGrain>(LedgerKey);
        if (await ledger.IsLoaded(Dataset.Version)) return false;

        // A child can only attach to a parent that exists, so depths go one after another; within a
        // depth, organizations are independent and load in parallel.
        foreach (var depth in GroupByDepth(dataset.Organizations))
        {
            await Parallel.ForEachAsync(depth, Options(cancellationToken), async (organization, _) => await CreateIfAbsent(organization));
        }

        await Parallel.ForEachAsync(dataset.Records.GroupBy(record => record.OrgId), Options(cancellationToken),
            async (records, _) => await AddRecords(records.Key, records.ToList()));

        await ledger.MarkLoaded(Dataset.Version);
        return true;
    }

    private static ParallelOptions Options(CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };

    private static IEnumerable<List<SeedOrganization>> GroupByDepth(IReadOnlyList<SeedOrganization> organizations)
    {
        var depthById = new Dictionary<string, int>();
        foreach (var organization in organizations)
        {
            depthById[organization.Id] = organization.ParentId is { } parentId
                ? depthById.TryGetValue(parentId, out var parentDepth)
                    ? parentDepth + 1
                    : throw new InvalidOperationException($"Dataset lists '{organization.Id}' before its parent '{parentId}'.")
                : 0;
        }

        return organizations.GroupBy(organization => depthById[organization.Id]).OrderBy(group => group.Key).Select(group => group.ToList());
    }

    private async Task CreateIfAbsent(SeedOrganization organization)
    {
        var grain = grains.GetGrain<IOrganizationGrain>(organization.Id);
        if (await grain.GetSnapshot() is not null) return;
        var outcome = await grain.Upsert(organization.ToDetails(), WriteGrant.System);
        if (outcome.Status is not (UpsertStatus.Created or UpsertStatus.Updated))
        {
            throw new InvalidOperationException($"Dataset organization '{organization.Id}' was refused: {outcome.Reason}");
        }
    }

    private async Task AddRecords(string orgId, IReadOnlyList<OrgRecord> records)
    {
        var statuses = await grains.GetGrain<IOrganizationGrain>(orgId).AddRecords(records, WriteGrant.System);
        var refused = statuses.Select((status, index) => (status, index))
            .FirstOrDefault(entry => entry.status is not (RecordWriteStatus.Created or RecordWriteStatus.Replayed));
        if (refused != default)
        {
            throw new InvalidOperationException(
                $"Dataset record '{records[refused.index].RecordId}' at '{orgId}' was refused: {refused.status}.");
        }
    }
}
