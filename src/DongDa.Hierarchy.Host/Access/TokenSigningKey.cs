using DongDa.Hierarchy.Host.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace DongDa.Hierarchy.Host.Access;

/// <summary>
/// The key tokens are checked and signed with, made or read once when the host starts
/// (<see cref="ResolveBeforeStartExtensions"/>); null when an OpenID Connect authority signs them,
/// or outside Development when none is configured (the options check refuses that start).
/// </summary>
public sealed record TokenSigningKey(SymmetricSecurityKey? Key)
{
    public static TokenSigningKey Resolve(IServiceProvider services)
    {
        var auth = services.GetRequiredService<IOptions<AuthOptions>>().Value;
        if (!string.IsNullOrWhiteSpace(auth.Authority)) return new TokenSigningKey(Key: null);
        var host = services.GetRequiredService<IOptions<HierarchyHostOptions>>().Value;
        return new TokenSigningKey(SigningKeys.Resolve(auth, services.GetRequiredService<IHostEnvironment>(), host.DataDirectory));
    }
}
