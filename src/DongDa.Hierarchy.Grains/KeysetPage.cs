namespace DongDa.Hierarchy.Grains;

/// <summary>One page of an ordered listing: asks for one item more than fits, to know whether another page follows.</summary>
internal static class KeysetPage
{
    /// <summary>The first <paramref name="limit"/> items of <paramref name="ordered"/>, and the last of them when more follow (the next page starts after it).</summary>
    public static (List<T> Items, T? Last) Take<T>(IEnumerable<T> ordered, int limit) where T : class
    {
        var taken = ordered.Take(limit + 1).ToList();
        return taken.Count > limit ? (taken[..limit], taken[limit - 1]) : (taken, null);
    }
}
