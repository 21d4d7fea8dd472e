namespace DongDa.Hierarchy.Organizations;

/// <summary>
/// The state an organization write was authorized against (absent, or under which parent),
/// carried with the call in the Orleans request context. The grain refuses the write when its
/// state differs, so that no change made between the check and the write (another admin creating
/// or moving the organization) turns an authorized write into one that was not.
/// </summary>
public static class AuthorizedState
{
    private const string Key = "dongda.authorized-state";
    private const string Absent = "\u0000absent";
    private const string Root = "\u0000root";

    public static void Expect(bool exists, string? parentId) => RequestContext.Set(Key, !exists ? Absent : parentId ?? Root);

    /// <summary>Whether <paramref name="current"/> is the state the caller was authorized against (always, when nothing was said).</summary>
    public static bool Allows(OrgDetails? current) =>
        RequestContext.Get(Key) is not string expected || expected == (current is null ? Absent : current.ParentId ?? Root);
}
