using PropertyPlatform.Identity.Data;
using PropertyPlatform.ServiceDefaults.Data;
using PropertyPlatform.ServiceDefaults.Messaging;

namespace PropertyPlatform.Identity;

public static class IdentityServiceExtensions
{
    public const string ServiceName = "identity";
    public const string DatabaseName = "identity-db";

    public static IHostApplicationBuilder AddIdentityServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<IdentityDbContext>(DatabaseName);
        builder.AddMessaging(ServiceName);
        return builder;
    }

    /// <summary>The service's API lives under /api/identity; its features arrive with their own issues.</summary>
    public static WebApplication MapIdentityApi(this WebApplication app)
    {
        app.MapGroup("/api/identity");
        return app;
    }
}
