namespace DongDa.Hierarchy.Host.Hosting;

/// <summary>
/// The host's own settings, under the configuration section <c>Hierarchy</c> (environment variables
/// <c>Hierarchy__DataDirectory</c> and so on). The section <c>Orleans</c> belongs to Orleans itself.
/// </summary>
public sealed class HierarchyHostOptions
{
    public const string Section = "Hierarchy";

    /// <summary>Folder of the embedded store, relative to the working directory unless absolute.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Load the Đống Đa dataset into an empty store on start.</summary>
    public bool SeedOnStart { get; set; } = true;

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    /// <remarks>
    /// The busy timeout stays well under Orleans' 30 s response timeout, so that a write the caller
    /// has given up on fails rather than committing after the caller was told it did not.
    /// </remarks>
    public string SqliteConnectionString() =>
        $"Data Source={Path.GetFullPath(Path.Combine(DataDirectory, "hierarchy.db"))};Pooling=True;Default Timeout=10";
}
