using DongDa.Hierarchy.Host.Access;
using System.Threading.RateLimiting;
using DongDa.Hierarchy.Host.Api;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace DongDa.Hierarchy.Host.Hosting;

/// <summary>
/// Sessions of signed-in accounts (<see cref="Sessions"/>) and JWT bearer authentication against the
/// configured issuer, audience and key (or OIDC authority), sign-ins slowed per address, and the
/// policies of the service endpoints. Organization endpoints are further checked per
/// subtree by <see cref="ScopeFilter"/>.
/// </summary>
public static class AuthHosting
{
    /// <summary>Operators of the whole system: admin of every organization (the Orleans dashboard shows them all).</summary>
    public const string AdminPolicy = "operator";

    public static WebApplicationBuilder AddHierarchyAuth(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AuthOptions>()
            .BindConfiguration(AuthOptions.Section)
            .Validate<IHostEnvironment>(
                (auth, environment) => environment.IsDevelopment() || !string.IsNullOrWhiteSpace(auth.SigningKey) || !string.IsNullOrWhiteSpace(auth.Authority),
                AuthOptions.MissingKey)
            .Validate(auth => string.IsNullOrWhiteSpace(auth.SigningKey) || string.IsNullOrWhiteSpace(auth.Authority), AuthOptions.KeyAndAuthority)
            .Validate(auth => string.IsNullOrWhiteSpace(auth.SigningKey) || SigningKeys.IsValid(auth.SigningKey), AuthOptions.InvalidKey)
            .ValidateOnStart();

        // What tokens are checked with is had before the host listens, or the start fails.
        builder.Services.AddSingleton(TokenSigningKey.Resolve);
        builder.Services.ResolveBeforeStart<TokenSigningKey>();
        builder.Services.AddHostedService<AuthorityMetadata>();
        builder.Services.AddSessionsAndTokens(builder.Environment.IsDevelopment());
        if (builder.Environment.IsDevelopment()) builder.Services.AddHostedService<FirstAdmin>();
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                return new ValueTask(TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many attempts.",
                    detail: "Too many sign-ins from this address; wait a minute.").ExecuteAsync(context.HttpContext));
            };
            options.AddPolicy(AccountEndpoints.SignInLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = http.RequestServices.GetRequiredService<IOptions<ApiLimits>>().Value.SignInsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                }));
        });
        builder.Services.AddSingleton<ValidatedTokenCache>();
        // Nothing here reads a file or the network: the options are made lazily and whatever they
        // threw would be kept for the life of the process.
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>, TokenSigningKey, ValidatedTokenCache>((jwt, auth, signing, tokens) =>
            {
                jwt.MapInboundClaims = false;
                // Nothing reads the token back from the authentication properties; storing it cost every request a dictionary and two formatted dates.
                jwt.SaveToken = false;
                jwt.Events = new JwtBearerEvents { OnTokenValidated = AccountEndpoints.RefuseRevokedTokens };
                jwt.TokenHandlers.Clear();
                jwt.TokenHandlers.Add(tokens);
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = auth.Value.Issuer,
                    ValidAudience = auth.Value.Audience,
                    NameClaimType = "sub",
                    RoleClaimType = Caller.RoleClaim,
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
                if (!string.IsNullOrWhiteSpace(auth.Value.Authority))
                {
                    jwt.Authority = auth.Value.Authority;
                }
                else if (signing.Key is { } key)
                {
                    jwt.TokenValidationParameters.IssuerSigningKey = key;
                    jwt.TokenValidationParameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
                }
            });

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicy, policy => policy.RequireAuthenticatedUser()
                .RequireClaim(Caller.RoleClaim, "admin")
                .RequireClaim(Caller.OrgClaim, Caller.Everywhere));
        return builder;
    }

    /// <summary>Requires a token on a service endpoint unless the setting allows it anonymously.</summary>
    public static TBuilder Protect<TBuilder>(this TBuilder endpoint, bool anonymous, string? policy = null) where TBuilder : IEndpointConventionBuilder =>
        anonymous ? endpoint.AllowAnonymous() : policy is null ? endpoint.RequireAuthorization() : endpoint.RequireAuthorization(policy);
}
