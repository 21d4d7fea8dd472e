namespace DongDa.Hierarchy.Grains;

/// <summary>
/// Answers while no move runs under an organization's root; a move that overlapped the answer (the
/// root's guard changed) may have been seen under two parents or none, so it is asked again.
/// </summary>
/// <remarks>
/// Moves change the guard's version when they begin and when they end, so one version seen still
/// at two moments proves that no move ran in between. The version the last answer ended with
/// therefore serves as the "before" of the next, and the path read under it stays valid: a steady
/// read costs one call to the guard, not two plus a walk up the path, and none at the root, which
/// keeps the guard itself.
/// </remarks>
/// <param name="guards">Reaches the root's guard.</param>
/// <param name="orgId">The organization, as its "busy" answer names it.</param>
/// <param name="path">Reads the organization's path from its root; null when it does not exist.</param>
/// <param name="ownGuard">The organization's own count of moves, read when it is the root: no call then.</param>
internal sealed class MoveGuardedReads(GrainReferences<IStructureGuardGrain> guards, string orgId, Func<Task<IReadOnlyList<string>?>> path, Func<StructureVersion> ownGuard)
{
    /// <summary>How often a read is tried again while moves keep overlapping it, before answering "busy".</summary>
    private const int Attempts = 40;

    /// <summary>The path to the root, and a version of the root's guard seen still while that path held.</summary>
    private (IReadOnlyList<string> Path, StructureVersion Version)? _stillSince;

    /// <summary>
    /// <paramref name="read"/>'s answer, read under the path it is given with no move overlapping it,
    /// and the guard's version it was read under; null when the organization does not exist.
    /// </summary>
    public async Task<(T Answer, StructureVersion Still)?> Read<T>(Func<IReadOnlyList<string>, Task<T>> read)
    {
        if (_stillSince is { } still)
        {
            var answer = await read(still.Path);
            if (await Guard(still.Path) == still.Version) return (answer, still.Version);
            // The tree changed somewhere under that root, perhaps above this organization: read the path again.
            _stillSince = null;
        }

        for (var attempt = 1; ; attempt++)
        {
            var rootPath = _stillSince?.Path ?? await path();
            if (rootPath is null) return null;
            var before = await Guard(rootPath);
            if (before.IsStill)
            {
                // Read after the version, so that a move that changed it would also have changed the version.
                if (await path() is not { } current) return null;
                if (current[0] == rootPath[0])
                {
                    var answer = await read(current);
                    if (await Guard(rootPath) == before)
                    {
                        _stillSince = (current, before);
                        return (answer, before);
                    }
                }
            }

            _stillSince = null;
            if (attempt == Attempts)
            {
                throw new TimeoutException($"The hierarchy under '{rootPath[0]}' kept changing during {attempt} attempts to sum '{orgId}'.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5 * attempt, 100)));
        }
    }

    /// <summary>The version of the guard of the root <paramref name="rootPath"/> starts with.</summary>
    private ValueTask<StructureVersion> Guard(IReadOnlyList<string> rootPath) => rootPath[0] == orgId
        ? ValueTask.FromResult(ownGuard())
        : new ValueTask<StructureVersion>(guards[rootPath[0]].Current());
}
