using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using PropertyPlatform.ServiceDefaults.Security;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace PropertyPlatform.Identity.Hosting;

/// <summary>
/// The API scopes and the platform's OAuth clients, brought in line with configuration at every start: created when
/// missing, otherwise updated (secrets, redirect URIs, permissions).
/// </summary>
public sealed class ClientRegistration(
    IOpenIddictApplicationManager applications,
    IOpenIddictScopeManager scopes,
    IOptions<IdentitySettings> settings,
    ILogger<ClientRegistration> logger)
{
    private static readonly Dictionary<string, string[]> DefaultRedirectUris = new(StringComparer.Ordinal)
    {
        [PlatformClients.WebConsole] = ["http://localhost:8080/signin-callback"],
        [PlatformClients.Web] = ["http://localhost:8080/signin-callback"],
        [PlatformClients.OwnerApp] = ["propertyplatform://signin-callback"],
    };

    private static readonly Dictionary<string, string[]> DefaultPostLogoutRedirectUris = new(StringComparer.Ordinal)
    {
        [PlatformClients.WebConsole] = ["http://localhost:8080/signout-callback"],
        [PlatformClients.Web] = ["http://localhost:8080/signout-callback"],
        [PlatformClients.OwnerApp] = ["propertyplatform://signout-callback"],
    };

    public async Task RegisterAsync(CancellationToken cancellationToken)
    {
        foreach (var audience in PlatformAudiences.All)
        {
            var descriptor = new OpenIddictScopeDescriptor { Name = audience, DisplayName = $"The {audience} API", Resources = { audience } };
            var scope = await scopes.FindByNameAsync(audience, cancellationToken);
            if (scope is null)
            {
                await scopes.CreateAsync(descriptor, cancellationToken);
            }
            else
            {
                await scopes.UpdateAsync(scope, descriptor, cancellationToken);
            }
        }

        foreach (var clientId in new[] { PlatformClients.WebConsole, PlatformClients.OwnerApp })
        {
            await SaveAsync(SignInClient(clientId, secret: null), cancellationToken);
        }

        // The web app signs people in as a confidential client: registered only with the secret the AppHost gave both.
        if (settings.Value.Client(PlatformClients.Web).Secret is { Length: > 0 } webSecret)
        {
            await SaveAsync(SignInClient(PlatformClients.Web, webSecret), cancellationToken);
        }
        else if (await applications.FindByClientIdAsync(PlatformClients.Web, cancellationToken) is { } retiredWeb)
        {
            await applications.DeleteAsync(retiredWeb, cancellationToken);
        }

        foreach (var clientId in PlatformClients.Services.Append(PlatformClients.Operations))
        {
            var secret = settings.Value.Client(clientId).Secret;
            if (string.IsNullOrWhiteSpace(secret))
            {
                logger.LogInformation("Client {ClientId} has no secret configured (Identity:Clients:{ClientId}:Secret); not registered", clientId, clientId);
                // A secret taken out of configuration retires the client: its old secret must stop working.
                if (await applications.FindByClientIdAsync(clientId, cancellationToken) is { } retired)
                {
                    await applications.DeleteAsync(retired, cancellationToken);
                }

                continue;
            }

            await SaveAsync(ServiceClient(clientId, secret), cancellationToken);
        }
    }

    /// <summary>A client people sign in to (authorization code + PKCE): public without a secret, confidential with one.</summary>
    private OpenIddictApplicationDescriptor SignInClient(string clientId, string? secret)
    {
        var configured = settings.Value.Client(clientId);
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = secret,
            DisplayName = clientId,
            ClientType = secret is null ? ClientTypes.Public : ClientTypes.Confidential,
            ConsentType = ConsentTypes.Implicit,
            Permissions =
            {
                Permissions.Endpoints.Authorization,
                Permissions.Endpoints.Token,
                Permissions.Endpoints.EndSession,
                Permissions.GrantTypes.AuthorizationCode,
                Permissions.GrantTypes.RefreshToken,
                Permissions.ResponseTypes.Code,
                Permissions.Scopes.Profile,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        descriptor.Permissions.UnionWith(PlatformAudiences.All.Select(a => Permissions.Prefixes.Scope + a));
        var redirects = configured.RedirectUris.Count > 0 ? [.. configured.RedirectUris] : DefaultRedirectUris[clientId];
        var postLogout = configured.PostLogoutRedirectUris.Count > 0 ? [.. configured.PostLogoutRedirectUris] : DefaultPostLogoutRedirectUris[clientId];
        descriptor.RedirectUris.UnionWith(redirects.Select(u => new Uri(u, UriKind.Absolute)));
        descriptor.PostLogoutRedirectUris.UnionWith(postLogout.Select(u => new Uri(u, UriKind.Absolute)));
        return descriptor;
    }

    private OpenIddictApplicationDescriptor ServiceClient(string clientId, string secret)
    {
        var audiences = settings.Value.ClientAudiences.GetValueOrDefault(clientId) ?? [];
        if (audiences.Except(PlatformAudiences.All).ToList() is { Count: > 0 } unknown)
        {
            throw new InvalidOperationException(
                $"Identity:ClientAudiences:{clientId} names unknown audiences ({string.Join(", ", unknown)}); known: {string.Join(", ", PlatformAudiences.All)}.");
        }

        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = secret,
            DisplayName = clientId,
            ClientType = ClientTypes.Confidential,
            Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials },
        };
        descriptor.Permissions.UnionWith(audiences.Select(a => Permissions.Prefixes.Scope + a));
        return descriptor;
    }

    private async Task SaveAsync(OpenIddictApplicationDescriptor descriptor, CancellationToken cancellationToken)
    {
        var application = await applications.FindByClientIdAsync(descriptor.ClientId!, cancellationToken);
        if (application is null)
        {
            await applications.CreateAsync(descriptor, cancellationToken);
            logger.LogInformation("Client {ClientId} registered", descriptor.ClientId);
        }
        else
        {
            await applications.UpdateAsync(application, descriptor, cancellationToken);
        }
    }
}
