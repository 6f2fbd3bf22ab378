using System.Collections.Immutable;
using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using PropertyPlatform.Identity.Domain;
using PropertyPlatform.ServiceDefaults.Security;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace PropertyPlatform.Identity.Features.Connect;

/// <summary>What goes into PropertyPlatform tokens, built from the account as it is now (not as it was at login).</summary>
public static class TokenPrincipals
{
    public static async Task<ClaimsPrincipal> ForAccountAsync(
        Account account, ImmutableArray<string> scopes, IOpenIddictScopeManager scopeManager, CancellationToken cancellationToken)
    {
        var identity = NewIdentity();
        identity.SetClaim(Claims.Subject, account.Id.ToString())
            .SetClaim(Claims.Name, account.DisplayName)
            .SetClaims(Claims.Role, [.. account.Roles])
            .SetClaims(PlatformClaims.Estate, [.. account.EstateIds.Select(e => e.ToString())])
            .SetClaims(PlatformClaims.Unit, [.. account.UnitIds.Select(u => u.ToString())])
            .SetClaims(PlatformClaims.Trade, [.. account.Trades]);
        if (account.OwnerId is { } ownerId)
        {
            identity.SetClaim(PlatformClaims.Owner, ownerId.ToString());
        }

        return await CompleteAsync(identity, scopes, scopeManager, cancellationToken);
    }

    /// <summary>A service or operations tool: the client is the subject, and it acts as <see cref="PlatformRoles.Service"/>.</summary>
    public static async Task<ClaimsPrincipal> ForClientAsync(
        string clientId, ImmutableArray<string> scopes, IOpenIddictScopeManager scopeManager, CancellationToken cancellationToken)
    {
        var identity = NewIdentity();
        identity.SetClaim(Claims.Subject, clientId)
            .SetClaim(Claims.Name, clientId)
            .SetClaim(Claims.Role, PlatformRoles.Service);
        return await CompleteAsync(identity, scopes, scopeManager, cancellationToken);
    }

    private static ClaimsIdentity NewIdentity() =>
        new(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);

    private static async Task<ClaimsPrincipal> CompleteAsync(
        ClaimsIdentity identity, ImmutableArray<string> scopes, IOpenIddictScopeManager scopeManager, CancellationToken cancellationToken)
    {
        identity.SetScopes(scopes);
        var resources = new List<string>();
        await foreach (var resource in scopeManager.ListResourcesAsync(scopes, cancellationToken))
        {
            resources.Add(resource);
        }

        identity.SetResources([.. resources.Distinct(StringComparer.Ordinal)]);
        identity.SetDestinations(Destinations);
        return new ClaimsPrincipal(identity);
    }

    /// <summary>Everything goes into the access token; the identity token carries only who signed in and their roles.</summary>
    private static IEnumerable<string> Destinations(Claim claim) => claim.Type switch
    {
        Claims.Subject or Claims.Name or Claims.Role => [OpenIddictConstants.Destinations.AccessToken, OpenIddictConstants.Destinations.IdentityToken],
        _ => [OpenIddictConstants.Destinations.AccessToken],
    };
}
