using System.Security.Cryptography;
using DongDa.Hierarchy.Host.Access;
using DongDa.Hierarchy.TestSupport;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DongDa.Hierarchy.Api.Tests;

/// <summary>Tokens the API must refuse, each wrong in exactly one way.</summary>
public static class BadTokens
{
    private static SecurityKey TestKey => SigningKeys.FromBase64(TestStore.SigningKey);

    public static string Expired() => Sign(TestKey, new AuthOptions(), DateTime.UtcNow.AddHours(-2), DateTime.UtcNow.AddHours(-1));

    public static string OtherKey() => Sign(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)), new AuthOptions());

    public static string OtherAudience() => Sign(TestKey, new AuthOptions { Audience = "some-other-api" });

    public static string OtherIssuer() => Sign(TestKey, new AuthOptions { Issuer = "someone-else" });

    /// <summary>A valid token whose payload was changed after signing (a viewer made admin).</summary>
    public static string Tampered()
    {
        var parts = Tokens.For("viewer", "mx-a").Split('.');
        var payload = Base64UrlEncoder.Decode(parts[1]).Replace("\"viewer\"", "\"admin\"").Replace("\"mx-a\"", "\"*\"");
        return $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";
    }

    /// <summary>Signed with the right key (64 bytes, long enough) but HMAC-SHA512, which the host does not accept.</summary>
    public static string OtherAlgorithm() => Sign(TestKey, new AuthOptions(), algorithm: SecurityAlgorithms.HmacSha512);

    private static string Sign(SecurityKey key, AuthOptions auth, DateTime? notBefore = null, DateTime? expires = null, string algorithm = SecurityAlgorithms.HmacSha256)
    {
        var start = notBefore ?? DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = auth.Issuer,
            Audience = auth.Audience,
            IssuedAt = start,
            NotBefore = start,
            Expires = expires ?? start.AddHours(1),
            SigningCredentials = new SigningCredentials(key, algorithm),
            Claims = new Dictionary<string, object> { ["sub"] = "bad", [Caller.OrgClaim] = new[] { "*" }, [Caller.RoleClaim] = "admin" },
        });
    }
}
