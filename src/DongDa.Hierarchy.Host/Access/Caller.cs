using System.Security.Claims;

namespace DongDa.Hierarchy.Host.Access;

/// <summary>
/// The authenticated caller as the token describes it: the roots of its subtrees (<c>org</c>
/// claims; <c>*</c> stands for every organization) and its role.
/// </summary>
public sealed class Caller
{
    public const string OrgClaim = "org";
    public const string RoleClaim = "role";
    public const string Everywhere = "*";

    private readonly HashSet<string> _roots;

    private Caller(HashSet<string> roots, Role role, string subject)
    {
        _roots = roots;
        Role = role;
        Subject = subject;
    }

    public Role Role { get; }

    public string Subject { get; }

    /// <summary>One pass over the claims, as every request to an organization asks it; claim types compare as <see cref="ClaimsPrincipal.FindAll(string)"/> compares them.</summary>
    public static Caller From(ClaimsPrincipal user)
    {
        var roots = new HashSet<string>(StringComparer.Ordinal);
        var role = Role.None;
        string? subject = null;
        foreach (var claim in user.Claims)
        {
            if (string.Equals(claim.Type, OrgClaim, StringComparison.OrdinalIgnoreCase)) roots.Add(claim.Value);
            else if (string.Equals(claim.Type, RoleClaim, StringComparison.OrdinalIgnoreCase) && Parse(claim.Value) > role) role = Parse(claim.Value);
            else if (string.Equals(claim.Type, "sub", StringComparison.OrdinalIgnoreCase)) subject ??= claim.Value;
        }

        return new Caller(roots, role, subject ?? "");
    }

    public static Role Parse(string role) => role switch
    {
        "viewer" => Role.Viewer,
        "recorder" => Role.Recorder,
        "admin" => Role.Admin,
        _ => Role.None,
    };

    public bool IsEverywhere => _roots.Contains(Everywhere);

    /// <summary>Writes are attributed to the subject, so a token must name one, and not the host's own.</summary>
    public bool HasSubject => Subject.Length > 0 && Subject != Audit.AuditActor.System;

    /// <summary>Whether the organization at the end of <paramref name="path"/> (root first) lies in one of the caller's subtrees.</summary>
    public bool Covers(IReadOnlyList<string>? path) => IsEverywhere || (path is not null && path.Any(_roots.Contains));

    /// <summary>Whether the caller may create or hold a root organization of this id.</summary>
    public bool HoldsRoot(string id) => IsEverywhere || _roots.Contains(id);

    /// <summary>The part of a covered path the caller may see: from the highest organization it holds down.</summary>
    public IReadOnlyList<string> VisiblePart(IReadOnlyList<string> path) =>
        IsEverywhere ? path : path.SkipWhile(id => !_roots.Contains(id)).ToList();
}
