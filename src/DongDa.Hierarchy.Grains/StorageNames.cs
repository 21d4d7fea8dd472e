namespace DongDa.Hierarchy.Grains;

/// <summary>Names of the grain storage providers the grains persist through.</summary>
public static class StorageNames
{
    /// <summary>The store that holds organizations and their records.</summary>
    public const string Hierarchy = "hierarchy";
}
