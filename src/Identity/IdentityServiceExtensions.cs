using PropertyPlatform.Contracts.Reception.Grpc;
using PropertyPlatform.Identity.Consumers;
using PropertyPlatform.Identity.Data;
using PropertyPlatform.Identity.Features.Accounts;
using PropertyPlatform.Identity.Features.Connect;
using PropertyPlatform.Identity.Features.Login;
using PropertyPlatform.Identity.Features.Owners;
using PropertyPlatform.Identity.Hosting;
using PropertyPlatform.Identity.Pages;
using PropertyPlatform.Identity.Seed;
using PropertyPlatform.ServiceDefaults.Auditing;
using PropertyPlatform.ServiceDefaults.Data;
using PropertyPlatform.ServiceDefaults.Hosting;
using PropertyPlatform.ServiceDefaults.Messaging;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Identity;

public static class IdentityServiceExtensions
{
    public const string ServiceName = "identity";
    public const string DatabaseName = "identity-db";

    public static IHostApplicationBuilder AddIdentityServices(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(IdentitySettings.Section);
        var settings = section.Get<IdentitySettings>() ?? new IdentitySettings();
        builder.Services.Configure<IdentitySettings>(section);
        builder.RefuseDevelopmentSettings(IdentitySettings.Section, settings.UnsafeOutsideDevelopment());
        builder.RequirePersistedDataProtectionKeys();

        builder.AddServiceDatabase<IdentityDbContext>(DatabaseName);
        builder.AddMessaging(ServiceName, bus =>
        {
            bus.AddConsumer<OwnerRegisteredConsumer>();
            bus.AddConsumer<EmploymentEndedConsumer>();
        });
        // Reception's registry confirms an owner's units before they are granted (OwnerRegisteredConsumer). Its "grpc"
        // endpoint speaks HTTP/2 without TLS; service discovery resolves it (gRPC channels accept only http/https schemes).
        builder.Services.AddGrpcClient<PropertyRegistry.PropertyRegistryClient>(grpc => grpc.Address = new Uri("http://_grpc.reception"))
            .WithServiceToken(PlatformAudiences.Reception);
        builder.AddAccounts(settings);
        builder.AddAuthServer(settings);
        builder.AddSignInPages();

        builder.Services.AddScoped<EstateScope>();
        builder.Services.AddScoped<ClientRegistration>();
        builder.Services.AddScoped<DemoSeeder>();
        builder.Services.AddSingleton<UnknownNameLockout>();
        builder.Services.AddScoped<OwnerActivation>();
        // After AddServiceDatabase: the migrator's StartingAsync has run when this one's does.
        builder.Services.AddHostedService<IdentityStartup>();
        builder.Services.AddHostedService<TokenPruning>();
        return builder;
    }

    /// <summary>The sign-in pages, the OpenID Connect endpoints and the API under /api/identity.</summary>
    public static WebApplication MapIdentityApi(this WebApplication app)
    {
        // MapDefaultEndpoints has taken the gateway's forwarded headers (public host for redirects, client IP for the
        // login rate limit) and authenticated the caller.
        app.UseRateLimiter();
        app.UseAntiforgery();

        app.UseSignInPages();
        app.MapLoginApi();
        app.MapActivationPage();
        app.MapConnectApi();
        var api = app.MapGroup("/api/identity");
        api.MapAccountsApi();
        api.MapOwnersApi();
        api.MapAuditApi().MapOutboxApi();
        return app;
    }
}
