using System.Text.Json;
using DongDa.Hierarchy.Accounts;
using DongDa.Hierarchy.Audit;
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

    /// <summary>The tokens the account made for programs, revoked ones included.</summary>
    [Id(5)] public List<PersonalToken> Tokens { get; set; } = [];

    /// <summary>Every change, written with the change itself so that the trail cannot miss one.</summary>
    [Id(6)] public List<AccountChange> History { get; set; } = [];
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
        };
        state.State.History = [Change(actor, AuditAction.Created, Differences(null, state.State.Profile))];
        await state.WriteOrUndo("storage write account", () => state.State = new AccountState(), DeactivateOnIdle);
        await Directory().Put(state.State.Profile);
        return state.State.Profile;
    }

    public Task<AccountProfile?> GetProfile() => Task.FromResult(state.State.Profile);

    public Task<IReadOnlyList<AccountChange>> GetHistory() => Task.FromResult<IReadOnlyList<AccountChange>>(state.State.History);

    public async Task<AccountProfile?> Update(AccountProfile profile, string actor)
    {
        if (state.State.Profile is not { } current) return null;
        var next = profile with { UserName = current.UserName, MustChangePassword = current.MustChangePassword };
        if (next == current) return current;
        await Write(s => s with { Profile = next, History = [.. s.History, Change(actor, AuditAction.Updated, Differences(current, next))] });
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
            History = [.. s.History, Change(actor, AuditAction.PasswordReset)],
        });
        await Directory().Put(next);
        return next;
    }

    public Task AddToken(PersonalToken token) => Write(s => s with
    {
        Tokens = [.. s.Tokens, token],
        History = [.. s.History, Change(s.Profile!.UserName, AuditAction.TokenCreated, [new FieldChange { Field = "token", To = Json(token.Name) }])],
    });

    public async Task<bool> RevokeToken(string tokenId)
    {
        if (state.State.Tokens.FirstOrDefault(token => token.Id == tokenId) is not { } token) return false;
        if (!token.Revoked)
        {
            await Write(s => s with
            {
                Tokens = [.. s.Tokens.Select(t => t.Id == tokenId ? t with { Revoked = true } : t)],
                History = [.. s.History, Change(s.Profile!.UserName, AuditAction.TokenRevoked, [new FieldChange { Field = "token", From = Json(token.Name) }])],
            });
        }

        return true;
    }

    public Task<IReadOnlyList<PersonalToken>> ListTokens() => Task.FromResult<IReadOnlyList<PersonalToken>>(state.State.Tokens);

    public Task<bool> IsTokenActive(string tokenId) => Task.FromResult(
        state.State.Profile is { Disabled: false } && state.State.Tokens.Any(token => token.Id == tokenId && !token.Revoked && token.Expires > clock.GetUtcNow()));

    private IAccountDirectoryGrain Directory() => GrainFactory.GetGrain<IAccountDirectoryGrain>(0);

    private AccountChange Change(string actor, AuditAction action, IReadOnlyList<FieldChange>? changes = null) =>
        new() { At = clock.GetUtcNow(), Subject = actor, Action = action, Changes = changes };

    /// <summary>The fields an admin may set that differ, as JSON text like a record correction's.</summary>
    private static List<FieldChange> Differences(AccountProfile? before, AccountProfile after)
    {
        (string Field, string? From, string To)[] fields =
        [
            ("displayName", before is null ? null : Json(before.DisplayName), Json(after.DisplayName)),
            ("role", before is null ? null : Json(before.Role), Json(after.Role)),
            ("orgs", before is null ? null : Json(before.Orgs), Json(after.Orgs)),
            ("disabled", before is null ? null : Json(before.Disabled), Json(after.Disabled)),
        ];
        return [.. fields.Where(field => field.From != field.To).Select(field => new FieldChange { Field = field.Field, From = field.From, To = field.To })];
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, HierarchyJson.Text);

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
            History = [.. s.History, Change(profile.UserName, AuditAction.PasswordChanged)],
        });
        return checkedIn with { Profile = profile };
    }

    private Task CountFailure(DateTimeOffset now)
    {
        var failures = state.State.FailedSignIns + 1;
        return Write(s => failures >= FailuresBeforeLockout
            ? s with { FailedSignIns = 0, LockedUntil = now + Lockout, History = [.. s.History, Change(AuditActor.System, AuditAction.LockedOut)] }
            : s with { FailedSignIns = failures });
    }

    private Task Write(Func<AccountState, AccountState> change)
    {
        var before = state.State;
        state.State = change(before);
        return state.WriteOrUndo("storage write account", () => state.State = before, DeactivateOnIdle);
    }
}
