using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DongDa.Hierarchy.Host.Access;

/// <summary>Signs tokens of the shape the API expects: <c>sub</c>, one <c>org</c> per subtree root, and <c>role</c>.</summary>
public static class TokenIssuer
{
    /// <summary>The claim naming a person's own token (<see cref="Accounts.PersonalToken"/>), checked against the account on every request.</summary>
    public const string PersonalTokenClaim = "ptk";

    public static string Issue(SecurityKey key, AuthOptions auth, string subject, IReadOnlyList<string> orgs, string role, TimeSpan lifetime, string? personalTokenId = null)
    {
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object>
        {
            ["sub"] = subject,
            [Caller.OrgClaim] = orgs.ToArray(),
            [Caller.RoleClaim] = role,
        };
        if (personalTokenId is not null) claims[PersonalTokenClaim] = personalTokenId;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = auth.Issuer,
            Audience = auth.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
            Claims = claims,
        });
    }
}
