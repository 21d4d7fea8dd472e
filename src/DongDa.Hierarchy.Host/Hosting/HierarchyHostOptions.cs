namespace DongDa.Hierarchy.Host.Hosting;

/// <summary>
/// The host's own settings, under the configuration section <c>Hierarchy</c> (environment variables
/// <c>Hierarchy__Storage</c>, <c>Hierarchy__PostgreSql</c> and so on). The section <c>Orleans</c>
/// belongs to Orleans itself.
/// </summary>
public sealed class HierarchyHostOptions
{
    public const string Section = "Hierarchy";

    /// <summary>Where grain state and cluster membership live.</summary>
    public StorageKind Storage { get; set; } = StorageKind.Sqlite;

    /// <summary>Npgsql connection string, used when <see cref="Storage"/> is <see cref="StorageKind.PostgreSql"/>.</summary>
    public string? PostgreSql { get; set; }

    /// <summary>Folder of the embedded store, relative to the working directory unless absolute.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Load the Đống Đa dataset into an empty store on start.</summary>
    public bool SeedOnStart { get; set; } = true;

    /// <summary>
    /// The wording of the reports, which an office may change without a rebuild; null means the file
    /// shipped next to the host (<c>report-templates.json</c>). Read and checked before the host listens.
    /// </summary>
    public string? ReportTemplates { get; set; }

    /// <summary>
    /// The address this silo listens on and advertises to the others (an IP address of this
    /// machine, e.g. its address on the network the silos share); loopback when unset, for one
    /// machine. A silo whose address is not its own refuses to start.
    /// </summary>
    public string? Address { get; set; }

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    /// <summary>Where the HTTP API listens, e.g. <c>http://10.0.0.11:8080</c>; unset, ASP.NET Core's own setting (<c>ASPNETCORE_URLS</c>, default http://localhost:5000 or the launch profile's) applies.</summary>
    public string? HttpUrl { get; set; }

    /// <summary>The silos of one cluster share it; a second cluster on the same database needs another.</summary>
    public string ClusterId { get; set; } = "dongda";

    /// <summary>Names the stored state: grain rows belong to a service id, so silos of one service must share it.</summary>
    public string ServiceId { get; set; } = "dongda-hierarchy";

    /// <summary>Runs as a Kubernetes pod: Orleans' Kubernetes hosting follows the pods of the deployment.</summary>
    public bool Kubernetes { get; set; }

    /// <summary>
    /// On SIGTERM, how long a silo of a cluster reports itself not ready while still serving, so that
    /// the balancer takes it out before it stops listening (HAProxy as shipped needs about one second).
    /// </summary>
    public double DrainSeconds { get; set; } = 3;

    /// <summary>The parsed <see cref="Address"/>: loopback when unset.</summary>
    public System.Net.IPAddress SiloAddress => Address is { Length: > 0 } text && System.Net.IPAddress.TryParse(text, out var address) ? address : System.Net.IPAddress.Loopback;

    /// <remarks>
    /// The busy timeout stays well under Orleans' 30 s response timeout, so that a write the caller
    /// has given up on fails rather than committing after the caller was told it did not.
    /// </remarks>
    public string SqliteConnectionString() =>
        $"Data Source={Path.GetFullPath(Path.Combine(DataDirectory, "hierarchy.db"))};Pooling=True;Default Timeout=10";

    public const string MissingConnectionString =
        $"{Section}:{nameof(Storage)} is {nameof(StorageKind.PostgreSql)} but no connection string is set: set {Section}:{nameof(PostgreSql)} (environment variable {Section}__{nameof(PostgreSql)}).";

    public static bool HasConnectionStringForStorage(HierarchyHostOptions options) =>
        options.Storage != StorageKind.PostgreSql || !string.IsNullOrWhiteSpace(options.PostgreSql);

    public string PostgreSqlConnectionString() => PostgreSql ?? throw new InvalidOperationException(MissingConnectionString);
}

/// <summary>The storage choices of <see cref="HierarchyHostOptions.Storage"/>.</summary>
public enum StorageKind
{
    /// <summary>One process, an embedded SQLite file in the data folder, localhost clustering.</summary>
    Sqlite,

    /// <summary>Any number of silos sharing grain state and the membership table in PostgreSQL.</summary>
    PostgreSql,
}
