using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.TestSupport.Auth;

/// <summary>
/// Who calls a service in a test: the claims identity would put into an access token. Service tests use tokens minted
/// with <see cref="TestTokens"/>, which the service under test trusts in place of identity's keys; the end-to-end
/// tests use real tokens from the identity service.
/// </summary>
public sealed record TestCaller(string Subject, string Name, string[] Roles, Guid[] Estates, Guid[] Units, Guid? OwnerId = null)
{
    public static TestCaller Staff(string role, params Guid[] estates) => new($"staff-{Guid.NewGuid():N}", $"Test {role}", [role], estates, []);

    public static TestCaller Clerk(Guid estate) => Staff(PlatformRoles.FrontDeskClerk, estate);

    public static TestCaller Owner(Guid estate, params Guid[] units) => new($"owner-{Guid.NewGuid():N}", "Test Owner", [PlatformRoles.Owner], [estate], units);

    /// <summary>The owner <paramref name="ownerId"/> of reception's roster, signed in with their own account.</summary>
    public static TestCaller OwnerAccount(Guid ownerId, Guid estate, params Guid[] units) =>
        new($"{Guid.NewGuid()}", "Test Owner", [PlatformRoles.Owner], [estate], units, ownerId);

    public static TestCaller GroupAdmin() => new($"admin-{Guid.NewGuid():N}", "Test Admin", [PlatformRoles.GroupAdmin], [], []);

    /// <summary>A service calling with a client-credentials token.</summary>
    public static TestCaller Service(string clientId) => new(clientId, clientId, [PlatformRoles.Service], [], []);
}

public static class TestTokens
{
    public const string Issuer = "https://identity.test/";

    private static readonly RsaSecurityKey Key = new(RSA.Create(2048)) { KeyId = "test-signing-key" };

    /// <summary>What a service under test trusts instead of identity's discovery document.</summary>
    public static OpenIdConnectConfiguration Configuration { get; } = CreateConfiguration();

    /// <summary>An access token (typ at+jwt) for <paramref name="caller"/>, valid for <paramref name="audience"/>.</summary>
    public static string Create(
        TestCaller caller,
        string audience,
        TimeSpan? lifetime = null,
        DateTimeOffset? issuedAt = null,
        SecurityKey? signingKey = null,
        string tokenType = "at+jwt",
        string issuer = Issuer)
    {
        var now = issuedAt ?? DateTimeOffset.UtcNow;
        var claims = new List<Claim>
        {
            new(PlatformClaims.Subject, caller.Subject),
            new(PlatformClaims.Name, caller.Name),
        };
        claims.AddRange(caller.Roles.Select(r => new Claim(PlatformClaims.Role, r)));
        claims.AddRange(caller.Estates.Select(e => new Claim(PlatformClaims.Estate, e.ToString())));
        claims.AddRange(caller.Units.Select(u => new Claim(PlatformClaims.Unit, u.ToString())));
        if (caller.OwnerId is { } ownerId)
        {
            claims.Add(new Claim(PlatformClaims.Owner, ownerId.ToString()));
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + (lifetime ?? TimeSpan.FromMinutes(15))).UtcDateTime,
            TokenType = tokenType,
            SigningCredentials = new SigningCredentials(signingKey ?? Key, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>Replaces <paramref name="from"/> by <paramref name="to"/> in the token's payload, keeping the original signature.</summary>
    public static string Tamper(string token, string from, string to)
    {
        var parts = token.Split('.');
        var payload = System.Text.Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1]));
        if (!payload.Contains(from, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The token's payload does not contain '{from}'.", nameof(from));
        }

        parts[1] = Base64UrlEncoder.Encode(payload.Replace(from, to, StringComparison.Ordinal));
        return string.Join('.', parts);
    }

    /// <summary>A key nobody trusts, for forged tokens.</summary>
    public static SecurityKey ForeignKey() => new RsaSecurityKey(RSA.Create(2048)) { KeyId = "test-signing-key" };

    private static OpenIdConnectConfiguration CreateConfiguration()
    {
        var configuration = new OpenIdConnectConfiguration { Issuer = Issuer };
        configuration.SigningKeys.Add(Key);
        return configuration;
    }
}
