using PropertyPlatform.Maintenance.Consumers;
using PropertyPlatform.Maintenance.Data;
using PropertyPlatform.Maintenance.Features.WorkOrders;
using PropertyPlatform.ServiceDefaults.Data;
using PropertyPlatform.ServiceDefaults.Messaging;

namespace PropertyPlatform.Maintenance;

public static class MaintenanceServiceExtensions
{
    public const string ServiceName = "maintenance";
    public const string DatabaseName = "maintenance-db";

    public static IHostApplicationBuilder AddMaintenanceServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<MaintenanceDbContext>(DatabaseName);
        builder.AddMessaging(ServiceName, bus => bus.AddConsumer<RepairRequestedConsumer>());
        return builder;
    }

    public static WebApplication MapMaintenanceApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/maintenance");
        api.MapWorkOrdersApi();
        return app;
    }
}
