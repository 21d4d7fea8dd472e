using DongDa.Hierarchy.Records;
using Orleans.Concurrency;

namespace DongDa.Hierarchy;

/// <summary>
/// One page of an organization's records in arrival order, keyed "{orgId}/{page}". Pages have a
/// fixed capacity, so storing a record rewrites at most one page, however long the history.
/// </summary>
[Alias("dongda.IRecordPageGrain")]
public interface IRecordPageGrain : IGrainWithStringKey
{
    /// <summary>Records per page.</summary>
    const int Capacity = 128;

    /// <summary>Appends records and stores the page.</summary>
    [Alias("Append")]
    Task Append(IReadOnlyList<OrgRecord> records);

    [Alias("GetRecords")]
    [AlwaysInterleave]
    Task<IReadOnlyList<OrgRecord>> GetRecords();
}
