namespace DongDa.Hierarchy.Host.Api;

/// <summary>Reading a query parameter that may be given once.</summary>
internal static class QueryValues
{
    /// <summary>The parameter's value; null when absent or empty, and when repeated, with the problem in <paramref name="errors"/>.</summary>
    public static string? One(IQueryCollection query, string name, ValidationErrors errors)
    {
        if (!query.TryGetValue(name, out var values) || string.IsNullOrEmpty(values[0])) return null;
        if (values.Count == 1) return values[0];
        errors.Add(name, "Give this parameter at most once.");
        return null;
    }
}
