using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace PropertyPlatform.ServiceDefaults.Security;

/// <summary>
/// Token validation as every service (and the gateway) does it: JWT access tokens from the identity service, checked
/// for signature, issuer, lifetime, type and this service's own audience; anything without a valid token is refused
/// unless an endpoint explicitly allows anonymous callers.
/// </summary>
public static class PlatformAuthentication
{
    /// <summary>The HttpClient that fetches identity's discovery document and signing keys (through service discovery).</summary>
    public const string MetadataClientName = "identity-metadata";

    /// <summary>
    /// <c>Auth:Authority</c> is identity's internal address (default <c>http://identity</c>, resolved by service
    /// discovery); <c>Auth:RequireHttpsMetadata</c> (default true) is turned off by the AppHost, which runs on loopback.
    /// </summary>
    public static IHostApplicationBuilder AddPlatformAuthentication(this IHostApplicationBuilder builder, params string[] audiences)
    {
        ArgumentOutOfRangeException.ThrowIfZero(audiences.Length);
        var section = builder.Configuration.GetSection("Auth");
        var authority = (section["Authority"] ?? "http://identity").TrimEnd('/');

        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<EstateScope>();
        builder.Services.AddHttpClient(MetadataClientName);
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;
                options.MetadataAddress = $"{authority}/.well-known/openid-configuration";
                options.RequireHttpsMetadata = section.GetValue("RequireHttpsMetadata", true);
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidAudiences = audiences,
                    NameClaimType = PlatformClaims.Name,
                    RoleClaimType = PlatformClaims.Role,
                    // Only access tokens: an identity token (typ JWT) must not open an API.
                    ValidTypes = ["at+jwt"],
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
            });
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IHttpClientFactory>((options, clients) => options.Backchannel ??= clients.CreateClient(MetadataClientName))
            .Configure<TimeProvider>((options, time) =>
            {
                options.TokenHandlers.Clear();
                options.TokenHandlers.Add(new RememberingTokenHandler(time) { MapInboundClaims = options.MapInboundClaims });
            });

        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return builder;
    }

    /// <summary>Only callers holding one of <paramref name="roles"/> (group admins always may).</summary>
    public static TBuilder RequireRoles<TBuilder>(this TBuilder builder, params string[] roles) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(policy => policy.RequireRole([PlatformRoles.GroupAdmin, .. roles]));
}
