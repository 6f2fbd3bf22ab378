using PropertyPlatform.SecurityGate.Data;
using PropertyPlatform.ServiceDefaults.Auditing;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.ServiceDefaults.Data;
using PropertyPlatform.ServiceDefaults.Messaging;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.SecurityGate;

public static class SecurityGateServiceExtensions
{
    public const string ServiceName = "security-gate";
    public const string DatabaseName = "security-gate-db";

    public static IHostApplicationBuilder AddSecurityGateServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<SecurityGateDbContext>(DatabaseName);
        builder.AddMessaging(ServiceName, bus => bus.AddEstateCalendars<SecurityGateDbContext>(ServiceName));
        builder.AddPlatformAuthentication(ServiceName);
        return builder;
    }

    /// <summary>The service's API lives under /api/security-gate (so far its audit trail); its features arrive with their own issues.</summary>
    public static WebApplication MapSecurityGateApi(this WebApplication app)
    {
        app.MapGroup("/api/security-gate").MapAuditApi().MapOutboxApi();
        return app;
    }
}
