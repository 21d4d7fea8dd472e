using System.Security.Claims;
using DongDa.Hierarchy.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace DongDa.Hierarchy.Host.Access;

/// <summary>
/// A signed-in browser's session: a cookie (HttpOnly, SameSite=Strict, Secure outside Development,
/// ending after <see cref="IdleTimeout"/> without a request) carrying the same claims a token
/// carries, so that a session and a token of the same account have exactly the same rights.
/// Programs keep sending bearer tokens: a request with an Authorization header is judged by its
/// token alone.
/// </summary>
public static class Sessions
{
    public const string Scheme = "session-or-bearer";
    public const string CookieName = "dongda.session";
    public const string PasswordClaim = "password";
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);

    public static AuthenticationBuilder AddSessionsAndTokens(this IServiceCollection services, bool development) => services
        .AddAuthentication(Scheme)
        .AddPolicyScheme(Scheme, Scheme, options =>
        {
            options.ForwardDefaultSelector = http => http.Request.Headers.Authorization.Count > 0
                ? JwtBearerDefaults.AuthenticationScheme
                : CookieAuthenticationDefaults.AuthenticationScheme;
            // Refusals are told as the API tells them: 401 with a bearer challenge, 403; never a redirect.
            options.ForwardChallenge = JwtBearerDefaults.AuthenticationScheme;
            options.ForwardForbid = JwtBearerDefaults.AuthenticationScheme;
        })
        .AddJwtBearer()
        .AddCookie(options =>
        {
            options.Cookie.Name = CookieName;
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            // The development host serves plain HTTP on the loopback address, where a Secure cookie would not be kept.
            options.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            options.ExpireTimeSpan = IdleTimeout;
            options.SlidingExpiration = true;
            options.Events.OnValidatePrincipal = CheckAccount;
        });

    /// <summary>
    /// Looks at the session's account again every <see cref="Api.ApiLimits.SessionRecheck"/>: a disabled or removed account ends the
    /// session, and a changed role or organizations take effect, without waiting for it to expire.
    /// </summary>
    private static async Task CheckAccount(CookieValidatePrincipalContext context)
    {
        var now = DateTimeOffset.UtcNow;
        var checkedAt = context.Properties.Items.TryGetValue("checked", out var text) && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var at)
            ? at : context.Properties.IssuedUtc ?? now;
        if (now - checkedAt < context.HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Api.ApiLimits>>().Value.SessionRecheck) return;
        var grains = context.HttpContext.RequestServices.GetRequiredService<IGrainFactory>();
        var profile = await grains.GetGrain<IAccountGrain>(context.Principal?.FindFirst("sub")?.Value ?? "").GetProfile();
        if (profile is null || profile.Disabled)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }

        context.ReplacePrincipal(Principal(profile));
        context.Properties.Items["checked"] = now.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        context.ShouldRenew = true;
    }

    /// <summary>
    /// The session of a signed-in account: its name, display name, organizations and role as a
    /// token carries them; or, while its password must be changed, its name only, which no
    /// organization endpoint accepts.
    /// </summary>
    public static ClaimsPrincipal Principal(AccountProfile profile)
    {
        List<Claim> claims = [new("sub", profile.UserName), new("name", profile.DisplayName)];
        if (profile.MustChangePassword)
        {
            claims.Add(new Claim(PasswordClaim, "change"));
        }
        else
        {
            claims.AddRange(profile.Orgs.Select(org => new Claim(Caller.OrgClaim, org)));
            claims.Add(new Claim(Caller.RoleClaim, profile.Role));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme, "sub", Caller.RoleClaim));
    }

    /// <summary>
    /// Refuses a write that carries the session cookie, or signs in, from another site. The cookie
    /// is SameSite=Strict and the API reads only JSON (a cross-site form cannot send it without a
    /// preflight this host never grants); this checks what browsers say of a request's origin too
    /// (<c>Sec-Fetch-Site</c>, else <c>Origin</c>). Programs that send neither are not browsers.
    /// </summary>
    public static Task RefuseCrossSiteWrites(HttpContext http, RequestDelegate next)
    {
        var request = http.Request;
        var write = !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && !HttpMethods.IsOptions(request.Method);
        // Reads pass straight through, their cookies unread.
        if (!write) return next(http);
        var session = request.Cookies.ContainsKey(CookieName) || request.Path.StartsWithSegments("/account");
        return session && !SameOrigin(request)
            ? TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Cross-site request refused.",
                detail: "A write with a session must come from this site's own page.").ExecuteAsync(http)
            : next(http);
    }

    private static bool SameOrigin(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0) return site == "same-origin";
        var origin = request.Headers.Origin.ToString();
        return origin.Length == 0 || string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);
    }
}
