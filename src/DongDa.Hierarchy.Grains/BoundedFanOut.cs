namespace DongDa.Hierarchy.Grains;

/// <summary>
/// Calls many grains with at most a fixed number of calls in flight, so that a very wide
/// organization does not flood the silo with thousands of simultaneous messages.
/// </summary>
internal static class BoundedFanOut
{
    public const int MaxInFlight = 64;

    public static async Task<List<TResult>> Run<TResult>(IReadOnlyList<string> ids, Func<string, Task<TResult>> call)
    {
        var results = new List<TResult>(ids.Count);
        for (var start = 0; start < ids.Count; start += MaxInFlight)
        {
            var batch = ids.Skip(start).Take(MaxInFlight).Select(call);
            results.AddRange(await Task.WhenAll(batch));
        }

        return results;
    }
}
