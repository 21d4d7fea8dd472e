namespace DongDa.Hierarchy.Host.Access;

/// <summary>
/// Token validation and anonymous access, under <c>Hierarchy:Auth</c> (environment variables
/// <c>Hierarchy__Auth__SigningKey</c> and so on).
/// </summary>
public sealed class AuthOptions
{
    public const string Section = "Hierarchy:Auth";

    public string Issuer { get; set; } = "dongda-hierarchy";

    public string Audience { get; set; } = "dongda-hierarchy-api";

    /// <summary>A symmetric HMAC-SHA256 key, base64, at least 32 bytes.</summary>
    public string? SigningKey { get; set; }

    /// <summary>An OpenID Connect authority whose published keys sign the tokens, instead of <see cref="SigningKey"/>.</summary>
    public string? Authority { get; set; }

    /// <summary>Serve <c>/metrics</c> without a token (for a Prometheus without credentials).</summary>
    public bool AnonymousMetrics { get; set; }

    /// <summary>Serve <c>/openapi</c> without a token.</summary>
    public bool AnonymousOpenApi { get; set; }

    /// <summary>Serve the Orleans dashboard without a token; otherwise it needs the admin role.</summary>
    public bool AnonymousDashboard { get; set; }

    /// <summary>
    /// The settings as configured, without validation: endpoint mapping reads the anonymous flags
    /// before the host starts, and a missing key must be reported by the start, in one line.
    /// </summary>
    public static AuthOptions From(IConfiguration configuration) => configuration.GetSection(Section).Get<AuthOptions>() ?? new AuthOptions();

    public const string KeyAndAuthority = $"Set either {Section}:SigningKey or {Section}:Authority, not both.";

    public const string InvalidKey = $"{Section}:SigningKey must be base64 of at least 32 bytes.";

    public const string MissingKey =
        $"No token signing key is configured: set {Section}:SigningKey (a base64 key of at least 32 bytes; environment variable Hierarchy__Auth__SigningKey) or {Section}:Authority. Only the Development environment makes a local key by itself.";
}
