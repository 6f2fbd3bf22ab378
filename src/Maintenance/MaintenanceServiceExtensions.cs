using PropertyPlatform.Maintenance.Consumers;
using PropertyPlatform.Maintenance.Data;
using PropertyPlatform.Maintenance.Features.WorkOrders;
using PropertyPlatform.ServiceDefaults.Auditing;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.ServiceDefaults.Data;
using PropertyPlatform.ServiceDefaults.Messaging;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Maintenance;

public static class MaintenanceServiceExtensions
{
    public const string ServiceName = "maintenance";
    public const string DatabaseName = "maintenance-db";

    public static IHostApplicationBuilder AddMaintenanceServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<MaintenanceDbContext>(DatabaseName);
        builder.AddMessaging(ServiceName, bus =>
        {
            bus.AddConsumer<RepairRequestedConsumer>();
            bus.AddEstateCalendars<MaintenanceDbContext>(ServiceName);
        });
        builder.AddPlatformAuthentication(ServiceName);
        return builder;
    }

    public static WebApplication MapMaintenanceApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/maintenance");
        api.MapWorkOrdersApi();
        api.MapAuditApi().MapOutboxApi();
        return app;
    }
}
