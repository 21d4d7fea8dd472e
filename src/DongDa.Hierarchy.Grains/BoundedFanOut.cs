namespace DongDa.Hierarchy.Grains;

/// <summary>
/// Calls many grains with at most a fixed number of calls in flight, so that a very wide
/// organization does not flood the silo with thousands of simultaneous messages.
/// </summary>
internal static class BoundedFanOut
{
    public const int MaxInFlight = 64;

    public static async Task<List<TResult>> Run<TItem, TResult>(IReadOnlyList<TItem> items, Func<TItem, Task<TResult>> call)
    {
        var results = new List<TResult>(items.Count);
        for (var start = 0; start < items.Count; start += MaxInFlight)
        {
            var batch = items.Skip(start).Take(MaxInFlight).Select(call);
            results.AddRange(await Task.WhenAll(batch));
        }

        return results;
    }
}
