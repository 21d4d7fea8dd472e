namespace DongDa.Hierarchy.Host.Api;

/// <summary>Limits on what a client may send, under <c>Hierarchy:Api</c>.</summary>
public sealed class ApiLimits
{
    public const string Section = "Hierarchy:Api";

    /// <summary>Largest request body accepted; larger bodies answer 413.</summary>
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Longest an organization request may take, grain calls included, before it answers 504.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Largest file an import accepts (this route only; the file is kept in a temporary file as it arrives, never in memory).</summary>
    public long MaxImportBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Most data rows an import accepts; a file with more is refused before anything is stored.</summary>
    public int MaxImportRows { get; set; } = 100_000;

    /// <summary>Longest an import may take; it checks every row before storing any, so it outlasts <see cref="RequestTimeout"/>.</summary>
    public TimeSpan ImportTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Sign-in attempts one address may make per minute, whatever the accounts; an account itself locks after repeated failures.</summary>
    public int SignInsPerMinute { get; set; } = 10;

    /// <summary>How long a browser session acts on what its account was when last looked at (disabled, role, organizations).</summary>
    public TimeSpan SessionRecheck { get; set; } = TimeSpan.FromMinutes(1);

    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;
}
