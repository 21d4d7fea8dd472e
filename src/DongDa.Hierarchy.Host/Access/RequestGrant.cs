using DongDa.Hierarchy.Organizations;

namespace DongDa.Hierarchy.Host.Access;

/// <summary>
/// The <see cref="WriteGrant"/> <see cref="ScopeFilter"/> decided for a request, kept with the
/// request for its handler to pass to the grain. A handler that writes without one has skipped the
/// check; it gets an exception, never a grant that allows.
/// </summary>
public static class RequestGrant
{
    private static readonly object Key = new();

    internal static void Decide(HttpContext http, WriteGrant grant) => http.Items[Key] = grant;

    public static WriteGrant Of(HttpContext http) =>
        http.Items.TryGetValue(Key, out var decided) && decided is WriteGrant grant
            ? grant
            : throw new InvalidOperationException($"The endpoint {http.GetEndpoint()?.DisplayName} writes without an access decision: it is not behind {nameof(ScopeFilter)}.");
}
