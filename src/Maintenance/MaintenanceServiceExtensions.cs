using PropertyPlatform.Maintenance.Consumers;
using PropertyPlatform.Maintenance.Data;
using PropertyPlatform.Maintenance.Domain;
using PropertyPlatform.Maintenance.Features.Deadlines;
using PropertyPlatform.Maintenance.Features.Dispatch;
using PropertyPlatform.Maintenance.Features.Facilities;
using PropertyPlatform.Maintenance.Features.Kpis;
using PropertyPlatform.Maintenance.Features.Plans;
using PropertyPlatform.Maintenance.Features.Reports;
using PropertyPlatform.Maintenance.Features.Store;
using PropertyPlatform.Maintenance.Features.Vendors;
using PropertyPlatform.Maintenance.Features.WorkOrders;
using PropertyPlatform.ServiceDefaults.Auditing;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.ServiceDefaults.Data;
using PropertyPlatform.ServiceDefaults.Messaging;
using PropertyPlatform.ServiceDefaults.Photos;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Sla;
using PropertyPlatform.ServiceDefaults.Staffing;

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
            bus.AddConsumer<EmergencyReportedConsumer>();
            bus.AddConsumer<CallbackCompletedConsumer>();
            bus.AddConsumer<RequestReopenedConsumer>();
            bus.AddConsumer<AppointmentConfirmedConsumer>();
            bus.AddStaffReadModel<MaintenanceDbContext>(ServiceName);
            bus.AddEstateCalendars<MaintenanceDbContext>(ServiceName);
        });
        builder.AddSlaMonitor<MaintenanceDbContext>(ServiceName)
            .AddSlaWatch<MaintenanceDbContext, WorkOrderResponseWatch>()
            .AddSlaWatch<MaintenanceDbContext, WorkOrderCompletionWatch>()
            .AddSlaWatch<MaintenanceDbContext, PlanTaskWatch>()
            .AddSlaWatch<MaintenanceDbContext, StocktakeWatch>();
        builder.Services.AddScoped<IStaffChangeReactions<MaintenanceDbContext>, DispatchStaffReactions>();
        builder.Services.AddHostedService<PlanScheduler>();
        builder.Services.AddHostedService<StocktakeScheduler>();
        builder.Services.AddUnclaimedPhotoCleanup<MaintenanceDbContext, WorkOrderPhoto>();
        builder.AddPlatformAuthentication(ServiceName);
        return builder;
    }

    public static WebApplication MapMaintenanceApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/maintenance");
        api.MapWorkOrdersApi();
        api.MapWorkOrderPhotosApi();
        api.MapDispatchApi();
        api.MapFacilitiesApi();
        api.MapPlansApi();
        api.MapInspectionReportApi();
        api.MapStoreApi();
        api.MapStocktakesApi();
        api.MapVendorsApi();
        api.MapReportsApi();
        api.MapMaintenanceKpisApi();
        api.MapAuditApi().MapOutboxApi();
        api.MapSlaApi();
        return app;
    }
}
