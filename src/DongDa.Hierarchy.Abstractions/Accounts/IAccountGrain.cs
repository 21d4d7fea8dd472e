using System.Text.RegularExpressions;

namespace DongDa.Hierarchy.Accounts;

/// <summary>
/// A person's account, keyed by user name (<see cref="AccountNames.Normalize"/>): who they are, the
/// organizations they act for and their role, with the same meaning as a token's <c>org</c> and
/// <c>role</c> claims, and a password only its hash of is kept.
/// </summary>
[Alias("dongda.IAccountGrain")]
public interface IAccountGrain : IGrainWithStringKey
{
    /// <summary>Creates the account with an initial password it must change at first sign-in; null when the name is taken.</summary>
    [Alias("Create")]
    Task<AccountProfile?> Create(AccountProfile profile, string initialPassword, string actor);

    /// <summary>Checks a password. Repeated failures lock the account for a while; the outcome never says whether the name exists.</summary>
    [Alias("SignIn")]
    Task<SignInOutcome> SignIn(string password);

    /// <summary>Replaces the password after checking the current one, as a sign-in does.</summary>
    [Alias("ChangePassword")]
    Task<SignInOutcome> ChangePassword(string currentPassword, string newPassword);

    /// <summary>The account, or null when there is none under the name.</summary>
    [Alias("GetProfile")]
    Task<AccountProfile?> GetProfile();

    /// <summary>Changes the display name, organizations, role or whether it is disabled; null when there is no account.</summary>
    [Alias("Update")]
    Task<AccountProfile?> Update(AccountProfile profile, string actor);

    /// <summary>Sets a new initial password, which must be changed at the next sign-in, and lifts a lockout; null when there is no account.</summary>
    [Alias("ResetPassword")]
    Task<AccountProfile?> ResetPassword(string initialPassword, string actor);

    /// <summary>Keeps a token the account made for a program; the token itself is never stored.</summary>
    [Alias("AddToken")]
    Task AddToken(PersonalToken token);

    /// <summary>Revokes one of the account's tokens; false when it has none of that id.</summary>
    [Alias("RevokeToken")]
    Task<bool> RevokeToken(string tokenId);

    [Alias("ListTokens")]
    Task<IReadOnlyList<PersonalToken>> ListTokens();

    /// <summary>Whether a token of the account may still be used: made by it, not revoked, the account not disabled.</summary>
    [Alias("IsTokenActive")]
    [Orleans.Concurrency.AlwaysInterleave]
    Task<bool> IsTokenActive(string tokenId);

    /// <summary>Every change of the account, oldest first: who made it, when, and which fields it changed.</summary>
    [Alias("GetHistory")]
    Task<IReadOnlyList<AccountChange>> GetHistory();
}

/// <summary>
/// One change of an account, for the audit trail of the organizations it acts for. Its fields are
/// the profile's JSON names (<c>displayName</c>, <c>role</c>, <c>orgs</c>, <c>disabled</c>) and
/// <c>token</c> for a token's name; a password never appears, only that it was reset or changed.
/// </summary>
[GenerateSerializer, Immutable, Alias("dongda.AccountChange")]
public sealed record AccountChange
{
    [Id(0)] public required DateTimeOffset At { get; init; }

    /// <summary>Who made it: an admin, the account itself, or <c>system</c> for a lockout.</summary>
    [Id(1)] public required string Subject { get; init; }

    [Id(2)] public required Audit.AuditAction Action { get; init; }
    [Id(3)] public IReadOnlyList<Audit.FieldChange>? Changes { get; init; }
}

/// <summary>A token a person made for a program, acting for the account's own organizations and role until it expires or is revoked.</summary>
[GenerateSerializer, Immutable, Alias("dongda.PersonalToken")]
public sealed record PersonalToken
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string Name { get; init; }
    [Id(2)] public required DateTimeOffset Created { get; init; }
    [Id(3)] public required DateTimeOffset Expires { get; init; }
    [Id(4)] public bool Revoked { get; init; }
}

/// <summary>Every account's profile, so that an admin can list those of a subtree; each account keeps it up to date.</summary>
[Alias("dongda.IAccountDirectoryGrain")]
public interface IAccountDirectoryGrain : IGrainWithIntegerKey
{
    [Alias("Put")]
    Task Put(AccountProfile profile);

    [Alias("List")]
    Task<IReadOnlyList<AccountProfile>> List();
}

[GenerateSerializer, Immutable, Alias("dongda.AccountProfile")]
public sealed record AccountProfile
{
    [Id(0)] public required string UserName { get; init; }
    [Id(1)] public required string DisplayName { get; init; }

    /// <summary>The roots of the subtrees the account acts for.</summary>
    [Id(2)] public required IReadOnlyList<string> Orgs { get; init; }

    /// <summary><c>viewer</c>, <c>recorder</c> or <c>admin</c>.</summary>
    [Id(3)] public required string Role { get; init; }

    [Id(4)] public bool MustChangePassword { get; init; }
    [Id(5)] public bool Disabled { get; init; }
}

public enum SignInStatus
{
    SignedIn,

    /// <summary>No such account, a wrong password, or a disabled account: told apart only in the log.</summary>
    Refused,

    /// <summary>Too many failures in a row; <see cref="SignInOutcome.LockedUntil"/> says until when.</summary>
    LockedOut,
}

[GenerateSerializer, Immutable, Alias("dongda.SignInOutcome")]
public sealed record SignInOutcome
{
    [Id(0)] public required SignInStatus Status { get; init; }
    [Id(1)] public AccountProfile? Profile { get; init; }
    [Id(2)] public DateTimeOffset? LockedUntil { get; init; }
}

/// <summary>The rules of user names and passwords, stated once.</summary>
public static partial class AccountNames
{
    public const int MinPasswordLength = 10;
    public const int MaxPasswordLength = 200;
    public const string NameRule = "Must match ^[a-z0-9][a-z0-9._-]{1,63}$ (lower case).";

    /// <summary>The key of a user name's account: names are compared without regard to case or surrounding spaces.</summary>
    public static string Normalize(string userName) => userName.Trim().ToLowerInvariant();

    public static bool IsValid(string userName) => NamePattern().IsMatch(userName);

    [GeneratedRegex(@"^[a-z0-9][a-z0-9._-]{1,63}\z", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
