using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using DongDa.Hierarchy.Accounts;
using DongDa.Hierarchy.Host.Access;
using DongDa.Hierarchy.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DongDa.Hierarchy.Host.Api;

/// <summary>
/// Admins manage the accounts of their subtree: list, create (the answer holds the initial password,
/// once), change, disable, and reset a password. An admin can never grant more than it holds: the
/// role at most its own, the organizations within the subtree named in the path, which the access
/// filter has checked the admin holds.
/// </summary>
public static class AccountAdminEndpoints
{
    public static RouteGroupBuilder MapAccountAdminEndpoints(this RouteGroupBuilder orgs)
    {
        orgs.MapGet("/{id}/accounts", List)
            .Describe("Accounts", "ListAccounts", "The accounts acting for organizations of this subtree", Role.Admin);
        orgs.MapPost("/{id}/accounts", Create)
            .Describe("Accounts", "CreateAccount", "Create an account in this subtree; the answer holds its initial password, once", Role.Admin);
        orgs.MapPut("/{id}/accounts/{userName}", Update)
            .Describe("Accounts", "UpdateAccount", "Change an account of this subtree: name, organizations, role, disabled", Role.Admin);
        orgs.MapPost("/{id}/accounts/{userName}/password-reset", Reset)
            .Describe("Accounts", "ResetPassword", "Give an account of this subtree a new initial password, to be changed at its next sign-in", Role.Admin);
        return orgs;
    }

    private static async Task<Ok<ManagedAccountList>> List(string id, IGrainFactory grains)
    {
        var accounts = await grains.GetGrain<IAccountDirectoryGrain>(0).List();
        var within = new List<ManagedAccount>();
        foreach (var account in accounts)
        {
            if (await Within(grains, id, account.Orgs)) within.Add(ManagedAccount.From(account));
        }

        return TypedResults.Ok(new ManagedAccountList(within));
    }

    private static async Task<Results<Created<ManagedAccount>, ValidationProblem, ConflictProblem>> Create(
        string id, JsonBody<NewAccountBody> body, ClaimsPrincipal user, IGrainFactory grains)
    {
        var name = AccountNames.Normalize(body.Value.UserName);
        if (!AccountNames.IsValid(name)) return Problems.Invalid("userName", AccountNames.NameRule);
        var orgs = body.Value.Orgs ?? [id];
        if (await Refusal(grains, id, user, body.Value.Role, orgs) is { } refusal) return refusal;
        var password = FirstAdmin.NewPassword();
        var profile = new AccountProfile { UserName = name, DisplayName = body.Value.DisplayName.Trim(), Orgs = orgs, Role = body.Value.Role };
        var created = await grains.GetGrain<IAccountGrain>(name).Create(profile, password, Caller.From(user).Subject);
        return created is null
            ? Problems.Conflict($"An account named '{name}' exists already.", "userName")
            : TypedResults.Created($"/api/v1/orgs/{id}/accounts/{name}", ManagedAccount.From(created) with { InitialPassword = password });
    }

    private static async Task<Results<Ok<ManagedAccount>, ValidationProblem, NotFoundProblem>> Update(
        string id, string userName, JsonBody<AccountChangeBody> body, ClaimsPrincipal user, IGrainFactory grains)
    {
        var account = grains.GetGrain<IAccountGrain>(AccountNames.Normalize(userName));
        if (await account.GetProfile() is not { } current || !await Within(grains, id, current.Orgs)) return Problems.UnknownAccount(userName);
        var orgs = body.Value.Orgs ?? current.Orgs;
        if (await Refusal(grains, id, user, body.Value.Role, orgs) is { } refusal) return refusal;
        var updated = await account.Update(current with { DisplayName = body.Value.DisplayName.Trim(), Role = body.Value.Role, Orgs = orgs, Disabled = body.Value.Disabled },
            Caller.From(user).Subject);
        return TypedResults.Ok(ManagedAccount.From(updated!));
    }

    private static async Task<Results<Ok<ManagedAccount>, NotFoundProblem>> Reset(string id, string userName, ClaimsPrincipal user, IGrainFactory grains)
    {
        var account = grains.GetGrain<IAccountGrain>(AccountNames.Normalize(userName));
        if (await account.GetProfile() is not { } current || !await Within(grains, id, current.Orgs)) return Problems.UnknownAccount(userName);
        var password = FirstAdmin.NewPassword();
        var reset = await account.ResetPassword(password, Caller.From(user).Subject);
        return TypedResults.Ok(ManagedAccount.From(reset!) with { InitialPassword = password });
    }

    /// <summary>Why the admin may not grant this role over these organizations, or null when it may.</summary>
    private static async Task<ValidationProblem?> Refusal(IGrainFactory grains, string id, ClaimsPrincipal user, string role, IReadOnlyList<string> orgs)
    {
        if (Caller.Parse(role) > Caller.From(user).Role) return Problems.Invalid("role", "An admin cannot grant a role above its own.");
        if (orgs.Count == 0 || !await Within(grains, id, orgs)) return Problems.Invalid("orgs", $"Every organization must lie in the subtree of '{id}'.");
        return null;
    }

    /// <summary>Whether every one of <paramref name="orgs"/> lies in the subtree of <paramref name="id"/>.</summary>
    private static async Task<bool> Within(IGrainFactory grains, string id, IReadOnlyList<string> orgs)
    {
        foreach (var org in orgs)
        {
            if (org == Caller.Everywhere || !InputRules.IsOrgId(org)) return false;
            if (await grains.GetGrain<IOrganizationGrain>(org).GetPath() is not { } path || !path.Contains(id)) return false;
        }

        return true;
    }
}

public sealed record NewAccountBody
{
    [Length(2, 64, ErrorMessage = "Between {1} and {2} characters.")] public required string UserName { get; init; }
    [Text(InputRules.MaxNameLength)] public required string DisplayName { get; init; }
    [AllowedValues("viewer", "recorder", "admin", ErrorMessage = "Must be viewer, recorder or admin.")] public required string Role { get; init; }

    /// <summary>The organizations it acts for; the one in the path when left out.</summary>
    [Length(1, 20, ErrorMessage = "Between {1} and {2} organizations.")] public IReadOnlyList<string>? Orgs { get; init; }
}

public sealed record AccountChangeBody
{
    [Text(InputRules.MaxNameLength)] public required string DisplayName { get; init; }
    [AllowedValues("viewer", "recorder", "admin", ErrorMessage = "Must be viewer, recorder or admin.")] public required string Role { get; init; }
    [Length(1, 20, ErrorMessage = "Between {1} and {2} organizations.")] public IReadOnlyList<string>? Orgs { get; init; }

    /// <summary>A disabled account cannot sign in; its sessions end at their next request.</summary>
    public bool Disabled { get; init; }
}

public sealed record ManagedAccount(string UserName, string DisplayName, IReadOnlyList<string> Orgs, string Role, bool Disabled, bool MustChangePassword)
{
    /// <summary>Only in the answer that made it: shown once, never stored.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? InitialPassword { get; init; }

    public static ManagedAccount From(AccountProfile profile) =>
        new(profile.UserName, profile.DisplayName, profile.Orgs, profile.Role, profile.Disabled, profile.MustChangePassword);
}

public sealed record ManagedAccountList(IReadOnlyList<ManagedAccount> Items);
