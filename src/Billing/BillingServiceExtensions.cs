using PropertyPlatform.Billing.Data;
using PropertyPlatform.ServiceDefaults.Auditing;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.ServiceDefaults.Data;
using PropertyPlatform.ServiceDefaults.Messaging;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Billing;

public static class BillingServiceExtensions
{
    public const string ServiceName = "billing";
    public const string DatabaseName = "billing-db";

    public static IHostApplicationBuilder AddBillingServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<BillingDbContext>(DatabaseName);
        builder.AddMessaging(ServiceName, bus => bus.AddEstateCalendars<BillingDbContext>(ServiceName));
        builder.AddPlatformAuthentication(ServiceName);
        return builder;
    }

    /// <summary>The service's API lives under /api/billing (so far its audit trail); its features arrive with their own issues.</summary>
    public static WebApplication MapBillingApi(this WebApplication app)
    {
        app.MapGroup("/api/billing").MapAuditApi().MapOutboxApi();
        return app;
    }
}
