namespace DongDa.Hierarchy.Host.Api;

/// <summary>Limits on what a client may send, under <c>Hierarchy:Api</c>.</summary>
public sealed class ApiLimits
{
    public const string Section = "Hierarchy:Api";

    /// <summary>Largest request body accepted; larger bodies answer 413.</summary>
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Longest an organization request may take, grain calls included, before it answers 504.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;
    public const int MaxNameLength = 300;
    public const int MaxTextLength = 2000;
    public const int MaxKindLength = 40;
    public const int MaxModelsPerRecord = 50;
    public const int MaxMemberCount = 10_000_000;
    public const int MaxCount = 10_000_000;
    public static readonly DateOnly EarliestDate = new(1930, 1, 1);
    public static readonly DateOnly LatestDate = new(2099, 12, 31);
}
