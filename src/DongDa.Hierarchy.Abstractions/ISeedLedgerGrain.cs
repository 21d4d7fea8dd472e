namespace DongDa.Hierarchy;

/// <summary>
/// Remembers which datasets have been loaded into this store, so that loading happens once per
/// store and a restart neither duplicates nor reverts anything.
/// </summary>
[Alias("dongda.ISeedLedgerGrain")]
public interface ISeedLedgerGrain : IGrainWithStringKey
{
    /// <summary>Whether the dataset with this version has been fully loaded.</summary>
    [Alias("IsLoaded")]
    Task<bool> IsLoaded(string datasetVersion);

    /// <summary>Marks the dataset as fully loaded.</summary>
    [Alias("MarkLoaded")]
    Task MarkLoaded(string datasetVersion);
}
