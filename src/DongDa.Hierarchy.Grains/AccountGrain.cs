using DongDa.Hierarchy.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;

namespace DongDa.Hierarchy.Grains;

[GenerateSerializer, Alias("dongda.AccountState")]
public sealed record AccountState
{
    [Id(0)] public AccountProfile? Profile { get; set; }

    /// <summary>ASP.NET Core Identity's password hash (PBKDF2 with a salt), never the password.</summary>
    [Id(1)] public string PasswordHash { get; set; } = "";

    [Id(2)] public int FailedSignIns { get; set; }
    [Id(3)] public DateTimeOffset? LockedUntil { get; set; }

    /// <summary>Who created the account and when; later changes of the account add theirs.</summary>
    [Id(4)] public List<string> Changes { get; set; } = [];

    /// <summary>The tokens the account made for programs, revoked ones included.</summary>
    [Id(5)] public List<PersonalToken> Tokens { get; set; } = [];
}

/// <summary>
/// One account. Failed sign-ins are counted in the stored state, so a lockout holds across
/// restarts and on every silo; while locked, no password is even checked.
/// </summary>
[GrainType("account")]
public sealed class AccountGrain(
    [PersistentState("account", StorageNames.Hierarchy)] IPersistentState<AccountState> state,
    TimeProvider clock,
    ILogger<AccountGrain> logger) : Grain, IAccountGrain
{
    public const int FailuresBeforeLockout = 5;
    public static readonly TimeSpan Lockout = TimeSpan.FromMinutes(15);

    private static readonly PasswordHasher<AccountState> Hasher = new();

    /// <summary>Checked when there is no account, so that an unknown name takes as long to refuse as a wrong password.</summary>
    private static readonly string NoAccountHash = Hasher.HashPassword(new AccountState(), Guid.NewGuid().ToString());

    public async Task<AccountProfile?> Create(AccountProfile profile, string initialPassword, string actor)
    {
        if (state.State.Profile is not null) return null;
        state.State = new AccountState
        {
            Profile = profile with { UserName = this.GetPrimaryKeyString(), MustChangePassword = true },
            PasswordHash = Hasher.HashPassword(state.State, initialPassword),
            Changes = [$"{clock.GetUtcNow():O} created by {actor}: {profile.Role} of {string.Join(", ", profile.Orgs)}"],
        };
        await state.WriteOrUndo("storage write account", () => state.State = new AccountState(), DeactivateOnIdle);
        await Directory().Put(state.State.Profile);
        return state.State.Profile;
    }

    public Task<AccountProfile?> GetProfile() => Task.FromResult(state.State.Profile);

    public Task<IReadOnlyList<string>> GetChanges() => Task.FromResult<IReadOnlyList<string>>(state.State.Changes);

    public async Task<AccountProfile?> Update(AccountProfile profile, string actor)
    {
        if (state.State.Profile is not { } current) return null;
        var next = profile with { UserName = current.UserName, MustChangePassword = current.MustChangePassword };
        if (next == current) return current;
        await Write(s => s with { Profile = next, Changes = [.. s.Changes, $"{clock.GetUtcNow():O} changed by {actor}: {Describe(current)} → {Describe(next)}"] });
        await Directory().Put(next);
        return next;
    }

    public async Task<AccountProfile?> ResetPassword(string initialPassword, string actor)
    {
        if (state.State.Profile is not { } current) return null;
        var next = current with { MustChangePassword = true };
        await Write(s => s with
        {
            Profile = next,
            PasswordHash = Hasher.HashPassword(s, initialPassword),
            FailedSignIns = 0,
            LockedUntil = null,
            Changes = [.. s.Changes, $"{clock.GetUtcNow():O} password reset by {actor}"],
        });
        await Directory().Put(next);
        return next;
    }

    public Task AddToken(PersonalToken token) => Write(s => s with
    {
        Tokens = [.. s.Tokens, token],
        Changes = [.. s.Changes, $"{clock.GetUtcNow():O} token '{token.Name}' made by {s.Profile?.UserName}"],
    });

    public async Task<bool> RevokeToken(string tokenId)
    {
        if (state.State.Tokens.FirstOrDefault(token => token.Id == tokenId) is not { } token) return false;
        if (!token.Revoked)
        {
            await Write(s => s with
            {
                Tokens = [.. s.Tokens.Select(t => t.Id == tokenId ? t with { Revoked = true } : t)],
                Changes = [.. s.Changes, $"{clock.GetUtcNow():O} token '{token.Name}' revoked"],
            });
        }

        return true;
    }

    public Task<IReadOnlyList<PersonalToken>> ListTokens() => Task.FromResult<IReadOnlyList<PersonalToken>>(state.State.Tokens);

    public Task<bool> IsTokenActive(string tokenId) => Task.FromResult(
        state.State.Profile is { Disabled: false } && state.State.Tokens.Any(token => token.Id == tokenId && !token.Revoked && token.Expires > clock.GetUtcNow()));

    private IAccountDirectoryGrain Directory() => GrainFactory.GetGrain<IAccountDirectoryGrain>(0);

    private static string Describe(AccountProfile profile) =>
        $"{profile.DisplayName}, {profile.Role} of {string.Join(", ", profile.Orgs)}{(profile.Disabled ? ", disabled" : "")}";

    public async Task<SignInOutcome> SignIn(string password)
    {
        var now = clock.GetUtcNow();
        if (state.State.LockedUntil is { } until && until > now) return new SignInOutcome { Status = SignInStatus.LockedOut, LockedUntil = until };
        var profile = state.State.Profile;
        var verified = Hasher.VerifyHashedPassword(state.State, profile is null ? NoAccountHash : state.State.PasswordHash, password) != PasswordVerificationResult.Failed;
        if (profile is null || profile.Disabled || !verified)
        {
            if (profile is not null) await CountFailure(now);
            logger.LogInformation("Sign-in refused for {UserName}: {Why}", this.GetPrimaryKeyString(),
                profile is null ? "no such account" : profile.Disabled ? "disabled" : "wrong password");
            return new SignInOutcome { Status = state.State.LockedUntil > now ? SignInStatus.LockedOut : SignInStatus.Refused, LockedUntil = state.State.LockedUntil };
        }

        if (state.State.FailedSignIns > 0 || state.State.LockedUntil is not null)
        {
            await Write(s => s with { FailedSignIns = 0, LockedUntil = null });
        }

        return new SignInOutcome { Status = SignInStatus.SignedIn, Profile = profile };
    }

    public async Task<SignInOutcome> ChangePassword(string currentPassword, string newPassword)
    {
        var checkedIn = await SignIn(currentPassword);
        if (checkedIn.Status != SignInStatus.SignedIn) return checkedIn;
        var profile = checkedIn.Profile! with { MustChangePassword = false };
        await Write(s => s with
        {
            Profile = profile,
            PasswordHash = Hasher.HashPassword(s, newPassword),
            Changes = [.. s.Changes, $"{clock.GetUtcNow():O} password changed by {profile.UserName}"],
        });
        return checkedIn with { Profile = profile };
    }

    private Task CountFailure(DateTimeOffset now)
    {
        var failures = state.State.FailedSignIns + 1;
        return Write(s => failures >= FailuresBeforeLockout
            ? s with { FailedSignIns = 0, LockedUntil = now + Lockout }
            : s with { FailedSignIns = failures });
    }

    private Task Write(Func<AccountState, AccountState> change)
    {
        var before = state.State;
        state.State = change(before);
        return state.WriteOrUndo("storage write account", () => state.State = before, DeactivateOnIdle);
    }
}
