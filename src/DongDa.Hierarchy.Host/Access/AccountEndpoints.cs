using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using DongDa.Hierarchy.Accounts;
using DongDa.Hierarchy.Host.Api;
using DongDa.Hierarchy.Validation;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DongDa.Hierarchy.Host.Access;

/// <summary>Signing in and out of a browser session, the account signed in, and changing its password.</summary>
public static class AccountEndpoints
{
    public const string SignInLimit = "sign-in";

    public static WebApplication MapAccountEndpoints(this WebApplication app)
    {
        var account = app.MapGroup("/account").WithTags("Account").AddEndpointFilter<InputProblemFilter>();
        account.MapPost("/sign-in", SignIn).AllowAnonymous().RequireRateLimiting(SignInLimit)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithName("SignIn").WithSummary("Sign in with a user name and password; the answer sets the session cookie");
        // Cast, or the method would be taken for a RequestDelegate and its result never written.
        account.MapPost("/sign-out", (Func<HttpContext, Task<NoContent>>)SignOut).AllowAnonymous()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithName("SignOut").WithSummary("End the browser's session");
        account.MapGet("/me", Me).RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .WithName("GetAccount").WithSummary("The account of the session or token: name, organizations, role");
        account.MapPost("/password", ChangePassword).RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithName("ChangePassword").WithSummary("Change the signed-in account's password; required after the first sign-in");
        account.MapPost("/tokens", CreateToken).RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .WithName("CreateToken").WithSummary("Make a token for a program, acting for the account's own organizations and role; shown once");
        account.MapGet("/tokens", ListTokens).RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .WithName("ListTokens").WithSummary("The tokens the account made, without their values");
        account.MapDelete("/tokens/{tokenId}", RevokeToken).RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("RevokeToken").WithSummary("Revoke one of the account's tokens: it is refused from the next request on");
        return app;
    }

    /// <summary>
    /// A person's own token for a program: signed with the host's key, naming the account and its
    /// organizations and role, and an id the account keeps, so that revoking it or disabling the
    /// account refuses it at once (<see cref="RefuseRevokedTokens"/>). Only a signed-in person makes one.
    /// </summary>
    private static async Task<Results<Created<PersonalTokenResponse>, ProblemHttpResult>> CreateToken(
        JsonBody<TokenBody> body, ClaimsPrincipal user, IGrainFactory grains, TokenSigningKey signing, Microsoft.Extensions.Options.IOptions<AuthOptions> auth)
    {
        var account = grains.GetGrain<IAccountGrain>(user.FindFirst("sub")?.Value ?? "");
        if (user.HasClaim(claim => claim.Type == TokenIssuer.PersonalTokenClaim) || await account.GetProfile() is not { MustChangePassword: false, Disabled: false } profile)
        {
            return Problems.NotAllowed("Only a signed-in account makes tokens.");
        }

        if (signing.Key is not { } key)
        {
            return Problems.NotAllowed("Tokens come from the configured authority.");
        }

        var now = DateTimeOffset.UtcNow;
        var token = new PersonalToken { Id = Guid.CreateVersion7().ToString("N"), Name = body.Value.Name.Trim(), Created = now, Expires = now.AddDays(body.Value.Days) };
        var value = TokenIssuer.Issue(key, auth.Value, profile.UserName, profile.Orgs, profile.Role, token.Expires - now, token.Id);
        await account.AddToken(token);
        return TypedResults.Created($"/account/tokens/{token.Id}", PersonalTokenResponse.From(token) with { Token = value });
    }

    private static async Task<Ok<List<PersonalTokenResponse>>> ListTokens(ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok((await grains.GetGrain<IAccountGrain>(user.FindFirst("sub")?.Value ?? "").ListTokens()).Select(PersonalTokenResponse.From).ToList());

    private static async Task<Results<NoContent, NotFoundProblem>> RevokeToken(string tokenId, ClaimsPrincipal user, IGrainFactory grains) =>
        await grains.GetGrain<IAccountGrain>(user.FindFirst("sub")?.Value ?? "").RevokeToken(tokenId)
            ? TypedResults.NoContent()
            : Problems.UnknownToken(tokenId);

    /// <summary>Refuses a person's token that was revoked, expired from the account's list, or whose account was disabled.</summary>
    public static async Task RefuseRevokedTokens(Microsoft.AspNetCore.Authentication.JwtBearer.TokenValidatedContext context)
    {
        if (context.Principal?.FindFirst(TokenIssuer.PersonalTokenClaim)?.Value is not { } id) return;
        var name = context.Principal.FindFirst("sub")?.Value ?? "";
        var grains = context.HttpContext.RequestServices.GetRequiredService<IGrainFactory>();
        if (!AccountNames.IsValid(name) || !await grains.GetGrain<IAccountGrain>(name).IsTokenActive(id)) context.Fail("The token was revoked.");
    }

    private static async Task<Results<Ok<AccountResponse>, ProblemHttpResult>> SignIn(JsonBody<SignInBody> body, HttpContext http, IGrainFactory grains)
    {
        var name = AccountNames.Normalize(body.Value.UserName);
        var outcome = AccountNames.IsValid(name)
            ? await grains.GetGrain<IAccountGrain>(name).SignIn(body.Value.Password)
            : new SignInOutcome { Status = SignInStatus.Refused };
        if (outcome.Status != SignInStatus.SignedIn) return Refused(http, outcome);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, Sessions.Principal(outcome.Profile!));
        return TypedResults.Ok(AccountResponse.From(outcome.Profile!));
    }

    private static async Task<NoContent> SignOut(HttpContext http)
    {
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.NoContent();
    }

    private static Ok<AccountResponse> Me(ClaimsPrincipal user) => TypedResults.Ok(new AccountResponse(
        user.FindFirst("sub")?.Value ?? "",
        user.FindFirst("name")?.Value ?? user.FindFirst("sub")?.Value ?? "",
        [.. user.FindAll(Caller.OrgClaim).Select(claim => claim.Value)],
        user.FindFirst(Caller.RoleClaim)?.Value ?? "",
        user.HasClaim(Sessions.PasswordClaim, "change")));

    private static async Task<Results<Ok<AccountResponse>, ValidationProblem, ProblemHttpResult>> ChangePassword(
        JsonBody<PasswordChangeBody> body, ClaimsPrincipal user, HttpContext http, IGrainFactory grains)
    {
        if (body.Value.NewPassword == body.Value.CurrentPassword) return Problems.Invalid("newPassword", "Must differ from the current password.");
        var outcome = await grains.GetGrain<IAccountGrain>(user.FindFirst("sub")?.Value ?? "").ChangePassword(body.Value.CurrentPassword, body.Value.NewPassword);
        if (outcome.Status == SignInStatus.Refused) return Problems.Invalid("currentPassword", "Not the account's current password.");
        if (outcome.Status != SignInStatus.SignedIn) return Refused(http, outcome);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, Sessions.Principal(outcome.Profile!));
        return TypedResults.Ok(AccountResponse.From(outcome.Profile!));
    }

    /// <summary>A refusal says nothing of whether the account exists; a lockout says until when.</summary>
    private static ProblemHttpResult Refused(HttpContext http, SignInOutcome outcome)
    {
        if (outcome.Status == SignInStatus.LockedOut && outcome.LockedUntil is { } until)
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling((until - DateTimeOffset.UtcNow).TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Account locked for a while.",
                detail: $"Too many wrong passwords in a row; try again after {until:HH:mm} UTC.",
                extensions: new Dictionary<string, object?> { ["lockedUntil"] = until });
        }

        return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Not signed in.", detail: "The user name or password is not right.");
    }
}

public sealed record SignInBody
{
    [Length(1, 64, ErrorMessage = "Give the user name.")] public required string UserName { get; init; }
    [Length(1, AccountNames.MaxPasswordLength, ErrorMessage = "Give the password.")] public required string Password { get; init; }
}

public sealed record PasswordChangeBody
{
    [Length(1, AccountNames.MaxPasswordLength, ErrorMessage = "Give the current password.")] public required string CurrentPassword { get; init; }

    [Length(AccountNames.MinPasswordLength, AccountNames.MaxPasswordLength, ErrorMessage = "Between {1} and {2} characters.")]
    public required string NewPassword { get; init; }
}

/// <summary>An account as the page needs it.</summary>
public sealed record AccountResponse(string UserName, string DisplayName, IReadOnlyList<string> Orgs, string Role, bool MustChangePassword)
{
    public static AccountResponse From(AccountProfile profile) =>
        new(profile.UserName, profile.DisplayName, profile.Orgs, profile.MustChangePassword ? "" : profile.Role, profile.MustChangePassword);
}

public sealed record TokenBody
{
    [Text(DongDa.Hierarchy.Validation.InputRules.MaxNameLength)] public required string Name { get; init; }

    /// <summary>How many days the token acts; 90 unless said.</summary>
    [Range(1, 365, ErrorMessage = "Between {1} and {2} days.")] public int Days { get; init; } = 90;
}

/// <summary>A person's token as the account lists it; its value only in the answer that made it.</summary>
public sealed record PersonalTokenResponse(string Id, string Name, DateTimeOffset Created, DateTimeOffset Expires, bool Revoked)
{
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Token { get; init; }

    public static PersonalTokenResponse From(PersonalToken token) => new(token.Id, token.Name, token.Created, token.Expires, token.Revoked);
}
