using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using DongDa.Hierarchy.Accounts;
using DongDa.Hierarchy.Host.Api;
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
        return app;
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
                detail: $"Too many wrong passwords in a row; try again after {until:HH:mm} UTC.");
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
