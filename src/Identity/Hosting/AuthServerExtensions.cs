using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using PropertyPlatform.Identity.Data;
using PropertyPlatform.Identity.Domain;
using PropertyPlatform.ServiceDefaults.Security;
using static OpenIddict.Abstractions.OpenIddictConstants;
using ValidationScheme = OpenIddict.Validation.AspNetCore.OpenIddictValidationAspNetCoreDefaults;

namespace PropertyPlatform.Identity.Hosting;

/// <summary>Accounts (ASP.NET Core Identity), the OpenIddict server and the policies that guard them.</summary>
public static class AuthServerExtensions
{
    public const string LoginPath = "/account/login";

    /// <summary>openid, profile, offline_access and one API scope per audience.</summary>
    public static readonly IReadOnlyList<string> AllScopes = [Scopes.OpenId, Scopes.Profile, Scopes.OfflineAccess, .. PlatformAudiences.All];

    public static IHostApplicationBuilder AddAccounts(this IHostApplicationBuilder builder, IdentitySettings settings)
    {
        // Sign-in cookies and antiforgery tokens outlive a restart, and every instance reads the others' (keys beside the signing keys).
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName("propertyplatform-identity");
        if (!string.IsNullOrWhiteSpace(settings.KeyDirectory))
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(settings.KeyDirectory, "data-protection")));
        }

        builder.Services.AddIdentityCore<Account>(identity =>
            {
                identity.Password.RequiredLength = 10;
                identity.Password.RequireDigit = true;
                identity.Password.RequireUppercase = true;
                identity.Password.RequireLowercase = true;
                identity.Password.RequireNonAlphanumeric = false;
                identity.Lockout.MaxFailedAccessAttempts = 5;
                identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                identity.Lockout.AllowedForNewUsers = true;
                // "Confirmed" means active here: pending and disabled accounts cannot sign in (AccountConfirmation).
                identity.SignIn.RequireConfirmedAccount = true;
            })
            .AddEntityFrameworkStores<IdentityDbContext>()
            .AddSignInManager();
        builder.Services.AddScoped<IUserConfirmation<Account>, ActiveAccountConfirmation>();

        builder.Services.AddAuthentication(auth => auth.DefaultScheme = ValidationScheme.AuthenticationScheme)
            .AddIdentityCookies();
        builder.Services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = LoginPath;
            cookie.Cookie.Name = "propertyplatform.identity";
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
        });
        builder.Services.AddAntiforgery();
        return builder;
    }

    public static IHostApplicationBuilder AddAuthServer(this IHostApplicationBuilder builder, IdentitySettings settings)
    {
        builder.Services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<IdentityDbContext>().ReplaceDefaultEntities<Guid>())
            .AddServer(server =>
            {
                server.SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token")
                    .SetEndSessionEndpointUris("connect/logout")
                    .SetUserInfoEndpointUris("connect/userinfo");

                server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange()
                    .AllowRefreshTokenFlow()
                    .AllowClientCredentialsFlow();

                server.SetAccessTokenLifetime(settings.AccessTokenLifetime)
                    .SetRefreshTokenLifetime(settings.RefreshTokenLifetime)
                    // Rolling refresh tokens: a redeemed one presented again after the leeway revokes the whole chain.
                    .SetRefreshTokenReuseLeeway(settings.RefreshTokenReuseLeeway);

                // Every service validates access tokens itself (JwtBearer + JWKS): they must be signed, not encrypted.
                server.DisableAccessTokenEncryption();
                server.RegisterScopes([.. AllScopes]);

                if (settings.Issuer is not null)
                {
                    server.SetIssuer(settings.Issuer);
                }

                if (string.IsNullOrWhiteSpace(settings.KeyDirectory))
                {
                    server.AddEphemeralSigningKey().AddEphemeralEncryptionKey();
                }
                else
                {
                    server.AddSigningKey(KeyFiles.LoadOrCreate(settings.KeyDirectory, "signing.pem"))
                        .AddEncryptionKey(KeyFiles.LoadOrCreate(settings.KeyDirectory, "encryption.pem"));
                }

                var aspNetCore = server.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough();
                if (settings.AllowHttp)
                {
                    aspNetCore.DisableTransportSecurityRequirement();
                }
            })
            .AddValidation(validation =>
            {
                validation.UseLocalServer();
                validation.UseAspNetCore();
                // Identity's own API accepts only tokens meant for it.
                validation.AddAudiences(PlatformAudiences.Identity);
            });

        builder.Services.AddAuthorizationBuilder()
            // Deny by default: every endpoint needs a valid access token unless it says AllowAnonymous.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(ValidationScheme.AuthenticationScheme).RequireAuthenticatedUser().Build())
            .AddPolicy(IdentityPolicies.AccountAdministrators, policy => policy
                .AddAuthenticationSchemes(ValidationScheme.AuthenticationScheme)
                .RequireRole(IdentityPolicies.AccountAdministratorRoles))
            .AddPolicy(IdentityPolicies.ActivationIssuers, policy => policy
                .AddAuthenticationSchemes(ValidationScheme.AuthenticationScheme)
                .RequireRole(IdentityPolicies.ActivationIssuerRoles));


        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many attempts; wait a minute and try again.",
                    },
                });
            };
            limiter.AddPolicy(IdentityPolicies.LoginAttempts, http => PerClientIp(http, settings.LoginPermitsPerMinute));
            limiter.AddPolicy(IdentityPolicies.ActivationAttempts, http => PerClientIp(http, settings.LoginPermitsPerMinute));
        });
        return builder;
    }

    private static RateLimitPartition<string> PerClientIp(HttpContext http, int permitsPerMinute) =>
        RateLimitPartition.GetFixedWindowLimiter(
            http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permitsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
}

/// <summary>Only active accounts may sign in; pending owners activate first, disabled accounts never.</summary>
internal sealed class ActiveAccountConfirmation : IUserConfirmation<Account>
{
    public Task<bool> IsConfirmedAsync(UserManager<Account> manager, Account user) => Task.FromResult(user.IsActive);
}
