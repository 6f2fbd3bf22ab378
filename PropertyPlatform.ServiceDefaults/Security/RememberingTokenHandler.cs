using System.Security.Claims;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PropertyPlatform.ServiceDefaults.Security;

/// <summary>
/// Validates access tokens as <see cref="JsonWebTokenHandler"/> does, and remembers the ones it found valid, so that the
/// same token on a caller's next request is not parsed and its signature verified again. Reading a token (its claims,
/// each string claim tried as a date) and verifying its RSA signature were a quarter of the gateway's CPU per proxied
/// request, paid again by the service behind it, for the same token on every request of a signed-in user.
/// <para>
/// What is remembered is exactly the token string that passed every check (signature, issuer, audience, type,
/// lifetime), and only while all of these still hold without looking at it again: until the token expires (without
/// the clock skew the full check allows), at most <see cref="RememberFor"/>, and only while the key that signed it is
/// still one of the keys the service trusts. A token that differs in one character is another key in the cache, checked
/// in full. Each request gets its own copy of the claims.
/// </para>
/// </summary>
public sealed class RememberingTokenHandler(TimeProvider time) : JsonWebTokenHandler, IDisposable
{
    /// <summary>How long a validated token is taken on trust at most: bounds how long a distrusted key could be missed.</summary>
    public static readonly TimeSpan RememberFor = TimeSpan.FromMinutes(5);

    /// <summary>Tokens remembered at most (signed-in users active within <see cref="RememberFor"/>, per process).</summary>
    public const int Capacity = 10_000;

    private readonly MemoryCache _validated = new(new MemoryCacheOptions { SizeLimit = Capacity });

    private sealed record Validated(ClaimsIdentity Identity, SecurityToken Token, SecurityKey SigningKey, DateTimeOffset Until);

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        if (token is not null && _validated.TryGetValue(token, out Validated? seen) && seen is not null
            && time.GetUtcNow() < seen.Until && await StillTrustedAsync(seen.SigningKey, validationParameters))
        {
            return new TokenValidationResult
            {
                IsValid = true,
                ClaimsIdentity = seen.Identity.Clone(),
                SecurityToken = seen.Token,
                TokenType = (seen.Token as JsonWebToken)?.Typ,
                Issuer = seen.Token.Issuer,
            };
        }

        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid && token is not null && result.SecurityToken is { SigningKey: { } signingKey } validatedToken)
        {
            var now = time.GetUtcNow();
            var until = new DateTimeOffset(DateTime.SpecifyKind(validatedToken.ValidTo, DateTimeKind.Utc));
            if (until > now + RememberFor)
            {
                until = now + RememberFor;
            }

            if (until > now)
            {
                // The copy kept is one no request holds: what a request does to its principal stays in that request.
                _validated.Set(token, new Validated(result.ClaimsIdentity.Clone(), validatedToken, signingKey, until),
                    new MemoryCacheEntryOptions { Size = 1, AbsoluteExpiration = until });
            }
        }

        return result;
    }

    public void Dispose() => _validated.Dispose();

    /// <summary>
    /// The key that signed the token is still among those trusted now: the keys of identity's discovery document as the
    /// configuration manager holds them at this moment (JwtBearer hands the manager over and the keys are read from it),
    /// or keys set on the parameters themselves.
    /// </summary>
    private static async Task<bool> StillTrustedAsync(SecurityKey signingKey, TokenValidationParameters parameters)
    {
        if (Same(parameters.IssuerSigningKey, signingKey) || parameters.IssuerSigningKeys?.Any(key => Same(key, signingKey)) == true)
        {
            return true;
        }

        if (parameters.ConfigurationManager is not { } manager)
        {
            return false;
        }

        var configuration = await manager.GetBaseConfigurationAsync(CancellationToken.None);
        return configuration?.SigningKeys?.Any(key => Same(key, signingKey)) == true;
    }

    private static bool Same(SecurityKey? trusted, SecurityKey signingKey) =>
        trusted is not null && (ReferenceEquals(trusted, signingKey)
            || (!string.IsNullOrEmpty(trusted.KeyId) && trusted.KeyId == signingKey.KeyId
                && trusted.ComputeJwkThumbprint().AsSpan().SequenceEqual(signingKey.ComputeJwkThumbprint())));
}
