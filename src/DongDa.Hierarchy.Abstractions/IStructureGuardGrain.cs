using Orleans.Concurrency;

namespace DongDa.Hierarchy;

/// <summary>
/// Keyed by the id of a root (district), and played by that root organization itself. Counts
/// structural changes (moves) under that root, so that a rollup can tell whether the tree held
/// still while it was summed: a rollup that overlapped a move may have met the moving subtree
/// under both parents or under neither, and is done again. Holds nothing durable: a move in flight
/// is only ever in one silo's memory.
/// </summary>
[Alias("dongda.IStructureGuardGrain")]
public interface IStructureGuardGrain : IGrainWithStringKey
{
    /// <summary>The current version; equal versions before and after a rollup mean no move overlapped it.</summary>
    [Alias("Current")]
    [AlwaysInterleave]
    Task<StructureVersion> Current();

    /// <summary>A move under this root starts; <paramref name="moveId"/> names it until <see cref="End"/>.</summary>
    [Alias("Begin")]
    [AlwaysInterleave]
    Task Begin(Guid moveId);

    /// <summary>The move has ended, successfully or not.</summary>
    [Alias("End")]
    [AlwaysInterleave]
    Task End(Guid moveId);
}

/// <summary>How many structural changes began or ended (<see cref="Epoch"/>) and how many are under way.</summary>
[GenerateSerializer, Immutable, Alias("dongda.StructureVersion")]
public sealed record StructureVersion
{
    [Id(0)] public required long Epoch { get; init; }
    [Id(1)] public required int InFlight { get; init; }

    /// <summary>The activation; a guard that was reactivated counts afresh, which must not look like stillness.</summary>
    [Id(2)] public required Guid Instance { get; init; }

    public bool IsStill => InFlight == 0;
}
