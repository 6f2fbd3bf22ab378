using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Web.SignIn;

/// <summary>
/// Sign-in as a backend-for-frontend: the web server runs the authorization-code flow with PKCE against identity as a
/// confidential client and keeps the tokens in its session store; the browser holds only an HttpOnly, SameSite cookie
/// with the session key.
/// </summary>
public static class WebAuthentication
{
    public const string CallbackPath = "/signin-callback";
    public const string SignedOutCallbackPath = "/signout-callback";

    /// <summary>The claims the access token carries beyond the identity token's (which has only who and their roles).</summary>
    private static readonly string[] AccessTokenClaims =
        [PlatformClaims.Role, PlatformClaims.Estate, PlatformClaims.Unit, PlatformClaims.Owner, PlatformClaims.Trade];

    public static IHostApplicationBuilder AddWebAuthentication(this IHostApplicationBuilder builder, WebSettings settings)
    {
        builder.Services.AddDistributedMemoryCache();
        builder.Services.AddSingleton<ITicketStore, ServerTicketStore>();
        builder.Services.AddSingleton<IPostConfigureOptions<CookieAuthenticationOptions>, UseServerTicketStore>();
        builder.Services.AddSingleton<SessionTokens>();

        builder.Services.AddAuthentication(auth =>
            {
                auth.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                auth.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie(cookie =>
            {
                cookie.Cookie.Name = "propertyplatform.web";
                cookie.Cookie.HttpOnly = true;
                // Lax, not Strict: a link to the console from a message must not look signed out.
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.ExpireTimeSpan = settings.SessionIdleTimeout;
                cookie.SlidingExpiration = true;
                cookie.AccessDeniedPath = "/denied";
            })
            .AddOpenIdConnect(oidc =>
            {
                oidc.Authority = settings.Authority?.ToString();
                oidc.RequireHttpsMetadata = settings.RequireHttpsMetadata;
                oidc.ClientId = settings.ClientId;
                oidc.ClientSecret = settings.ClientSecret;
                oidc.ResponseType = OpenIdConnectResponseType.Code;
                oidc.UsePkce = true;
                oidc.SaveTokens = true;
                oidc.MapInboundClaims = false;
                oidc.GetClaimsFromUserInfoEndpoint = false;
                oidc.CallbackPath = CallbackPath;
                oidc.SignedOutCallbackPath = SignedOutCallbackPath;
                oidc.SignedOutRedirectUri = "/";
                oidc.TokenValidationParameters.NameClaimType = PlatformClaims.Name;
                oidc.TokenValidationParameters.RoleClaimType = PlatformClaims.Role;
                oidc.Scope.Clear();
                foreach (var scope in (string[])["openid", "profile", "offline_access", .. PlatformAudiences.All])
                {
                    oidc.Scope.Add(scope);
                }

                oidc.Events.OnTokenValidated = context =>
                {
                    AddAccessTokenClaims(context.Principal!, context.TokenEndpointResponse?.AccessToken);
                    return Task.CompletedTask;
                };
            });
        builder.Services.AddAuthorization();
        builder.Services.AddCascadingAuthenticationState();
        return builder;
    }

    /// <summary>
    /// Estates, units and roles for the navigation, read from the access token the web just received from identity's
    /// token endpoint over its own back channel (the services validate it on every call).
    /// </summary>
    private static void AddAccessTokenClaims(ClaimsPrincipal principal, string? accessToken)
    {
        if (accessToken is null || principal.Identity is not ClaimsIdentity identity)
        {
            return;
        }

        var token = new JsonWebToken(accessToken);
        foreach (var claim in token.Claims.Where(c => AccessTokenClaims.Contains(c.Type)))
        {
            if (!identity.HasClaim(claim.Type, claim.Value))
            {
                identity.AddClaim(new Claim(claim.Type, claim.Value));
            }
        }
    }
}
