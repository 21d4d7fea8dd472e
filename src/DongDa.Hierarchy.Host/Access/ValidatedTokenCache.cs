using Microsoft.Extensions.Caching.Memory;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DongDa.Hierarchy.Host.Access;

/// <summary>
/// Validates bearer tokens with <see cref="JsonWebTokenHandler"/> and remembers the ones that passed,
/// so that a client sending the same token on every request pays for its signature check once.
/// </summary>
/// <remarks>
/// Checking a signature costs about as much as the rest of a metrics read. A remembered token is
/// trusted until it expires, and at most <see cref="TrustFor"/>, so that keys fetched from an
/// authority that rotates them are asked again soon; for the same reason a change of the validation
/// settings reaches remembered tokens within that time. Only tokens that passed are kept; a refused
/// token is checked afresh each time. Every answer hands out a copy of the identity, because
/// authentication handlers may add claims to the one they receive. At most
/// <see cref="MaxTokens"/> are kept: past that the cache compacts itself (expired entries first,
/// then the least recently used) rather than grow or start over.
/// </remarks>
public sealed class ValidatedTokenCache(TimeProvider clock) : TokenHandler, IDisposable
{
    /// <summary>How long a validated token is trusted without checking it again, at most.</summary>
    public static readonly TimeSpan TrustFor = TimeSpan.FromMinutes(5);

    /// <summary>Enough for every client of one host.</summary>
    private const int MaxTokens = 10_000;

    private readonly JsonWebTokenHandler _inner = new() { MapInboundClaims = false };
    private readonly MemoryCache _valid = new(new MemoryCacheOptions { SizeLimit = MaxTokens });

    public override SecurityToken ReadToken(string token) => _inner.ReadToken(token);

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        var now = clock.GetUtcNow();
        if (_valid.TryGetValue(token, out (TokenValidationResult Result, DateTimeOffset Until) known) && known.Until > now) return Copy(known.Result);

        var result = await _inner.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid && result.SecurityToken is { } validated)
        {
            var expires = new DateTimeOffset(DateTime.SpecifyKind(validated.ValidTo, DateTimeKind.Utc));
            var until = expires < now + TrustFor ? expires : now + TrustFor;
            _valid.Set(token, (result, until), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = TrustFor });
            return Copy(result);
        }

        return result;
    }

    private static TokenValidationResult Copy(TokenValidationResult result) => new()
    {
        IsValid = true,
        ClaimsIdentity = result.ClaimsIdentity.Clone(),
        SecurityToken = result.SecurityToken,
        TokenType = result.TokenType,
        Issuer = result.Issuer,
    };

    public void Dispose() => _valid.Dispose();
}
