namespace DongDa.Hierarchy;

/// <summary>
/// Remembers which datasets have been loaded into this store, so that loading happens once per
/// store and a restart neither duplicates nor reverts anything.
/// </summary>
public interface ISeedLedgerGrain : IGrainWithStringKey
{
    /// <summary>Whether the dataset with this version has been fully loaded.</summary>
    Task<bool> IsLoaded(string datasetVersion);

    /// <summary>Marks the dataset as fully loaded.</summary>
    Task MarkLoaded(string datasetVersion);
}
