using DongDa.Hierarchy.Host.Hosting;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace DongDa.Hierarchy.Host.Access;

/// <summary>
/// With an OpenID Connect authority, reads its metadata and signing keys once before the host
/// listens. Read on the first request instead, an authority out of reach at that moment would
/// refuse every token until the next retry, minutes later; read here, it stops the start with one
/// line, and once read, a failed refresh keeps the keys already known.
/// </summary>
internal sealed class AuthorityMetadata(IOptions<AuthOptions> auth, IOptionsMonitor<JwtBearerOptions> jwt) : BeforeStart
{
    private static readonly TimeSpan ReadFor = TimeSpan.FromSeconds(20);

    public override async Task StartingAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(auth.Value.Authority)) return;
        var manager = jwt.Get(JwtBearerDefaults.AuthenticationScheme).ConfigurationManager
            ?? throw new InvalidOperationException("JWT bearer authentication has an authority but no configuration manager.");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(ReadFor);
        try
        {
            await manager.GetConfigurationAsync(deadline.Token);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            var reason = exception;
            while (reason.InnerException is not null) reason = reason.InnerException;
            throw new HostCannotStartException(
                $"Cannot read the OpenID Connect metadata of the token authority '{auth.Value.Authority}' ({reason.Message.ReplaceLineEndings(" ")}). Check {AuthOptions.Section}:Authority and that the authority answers.", exception);
        }
    }
}
