using PropertyPlatform.Reception.Consumers;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.Reception.Features.Activities;
using PropertyPlatform.Reception.Features.Appointments;
using PropertyPlatform.Reception.Features.Attachments;
using PropertyPlatform.Reception.Features.ButlerVisits;
using PropertyPlatform.Reception.Features.Callbacks;
using PropertyPlatform.Reception.Features.Complaints;
using PropertyPlatform.Reception.Features.Deadlines;
using PropertyPlatform.Reception.Features.DeskItems;
using PropertyPlatform.Reception.Features.DeskVisits;
using PropertyPlatform.Reception.Features.Emergencies;
using PropertyPlatform.Reception.Features.HandoverDefects;
using PropertyPlatform.Reception.Features.Households;
using PropertyPlatform.Reception.Features.Keys;
using PropertyPlatform.Reception.Features.Listings;
using PropertyPlatform.Reception.Features.Kpis;
using PropertyPlatform.Reception.Features.Messages;
using PropertyPlatform.Reception.Features.Notices;
using PropertyPlatform.Reception.Features.Notifications;
using PropertyPlatform.Reception.Features.Parcels;
using PropertyPlatform.Reception.Features.Patrols;
using PropertyPlatform.Reception.Features.Registry;
using PropertyPlatform.Reception.Features.RegistryImports;
using PropertyPlatform.Reception.Features.Renovations;
using PropertyPlatform.Reception.Features.Requests;
using PropertyPlatform.Reception.Features.Residents;
using PropertyPlatform.Reception.Features.Surveys;
using PropertyPlatform.Reception.Features.Violations;
using PropertyPlatform.Reception.Features.WorkLog;
using PropertyPlatform.Reception.Grpc;
using PropertyPlatform.Reception.Seed;
using PropertyPlatform.ServiceDefaults.Auditing;
using PropertyPlatform.ServiceDefaults.Data;
using PropertyPlatform.ServiceDefaults.Hosting;
using PropertyPlatform.ServiceDefaults.Messaging;
using PropertyPlatform.ServiceDefaults.Photos;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Sla;
using PropertyPlatform.ServiceDefaults.Staffing;

namespace PropertyPlatform.Reception;

public static class ReceptionServiceExtensions
{
    public const string ServiceName = "reception";
    public const string DatabaseName = "reception-db";

    public static IHostApplicationBuilder AddReceptionServices(this IHostApplicationBuilder builder)
    {
        builder.RefuseDevelopmentSettings("Reception");
        builder.AddServiceDatabase<ReceptionDbContext>(DatabaseName);
        builder.AddMessaging(ServiceName, bus =>
        {
            bus.AddConsumer<WorkOrderCreatedConsumer>();
            bus.AddConsumer<WorkOrderStartedConsumer>();
            bus.AddConsumer<WorkOrderCompletedConsumer>();
            bus.AddConsumer<WorkOrderClosedConsumer>();
            bus.AddConsumer<DunningEscalatedToVisitConsumer>();
            bus.AddConsumer<FeeDisputedConsumer>();
            bus.AddConsumer<PatrolFindingReportedConsumer>();
            bus.AddConsumer<IncidentReportedConsumer>();
            bus.AddConsumer<NotificationRequestedConsumer>();
            bus.AddConsumer<AppointmentProposedConsumer>();
            // hr-training's staff and duty roster: who is on duty for emergencies (DutySupervisors).
            bus.AddStaffReadModel<ReceptionDbContext>(ServiceName);
        });
        builder.AddNotifications();
        builder.AddSlaMonitor<ReceptionDbContext>(ServiceName)
            .AddSlaWatch<ReceptionDbContext, RequestRoutingWatch>()
            .AddSlaWatch<ReceptionDbContext, RequestFeedbackWatch>()
            .AddSlaWatch<ReceptionDbContext, CallbackWatch>()
            .AddSlaWatch<ReceptionDbContext, ComplaintWatch>()
            .AddSlaWatch<ReceptionDbContext, EmergencyWatch>()
            .AddSlaWatch<ReceptionDbContext, OwnerMessageWatch>()
            .AddSlaWatch<ReceptionDbContext, CallbackApprovalWatch>()
            .AddSlaWatch<ReceptionDbContext, VisitCoverageWatch>()
            .AddSlaWatch<ReceptionDbContext, ViolationRectificationWatch>();
        builder.Services.AddHostedService<CallbackApprovalScheduler>();
        builder.Services.AddHostedService<VisitCoverageScheduler>();
        builder.Services.AddGrpc();
        builder.Services.AddSingleton<WorkSignal<RegistryImportWorker>>();
        builder.Services.AddHostedService<RegistryImportWorker>();
        builder.AddPlatformAuthentication(ServiceName);
        builder.Services.AddUnclaimedPhotoCleanup<ReceptionDbContext, Attachment>();
        builder.Services.AddScoped<DemoRegistry>();
        if (builder.Configuration.GetValue<bool>("Reception:SeedDemoData"))
        {
            builder.Services.AddHostedService<DemoRegistryStartup>();
        }

        // After the seed, so the demo estates are announced too.
        builder.Services.AddHostedService<EstateAnnouncement>();

        return builder;
    }

    public static WebApplication MapReceptionApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/reception");
        api.MapRequestsApi();
        api.MapAttachmentsApi();
        api.MapRegistryApi();
        api.MapOwnersApi();
        api.MapCallbacksApi();
        api.MapCallbackApprovalsApi();
        api.MapComplaintsApi();
        api.MapEmergenciesApi();
        api.MapButlerVisitsApi();
        api.MapPatrolsApi();
        api.MapViolationsApi();
        api.MapRenovationsApi();
        api.MapRegistryImportApi();
        api.MapResidentsApi();
        api.MapAuditApi().MapOutboxApi();
        api.MapSlaApi();
        api.MapKeysApi();
        api.MapParcelsApi();
        api.MapNotificationsApi();
        api.MapAppointmentsApi();
        api.MapHandoverDefectsApi();
        api.MapDeskItemsApi();
        api.MapListingsApi();
        api.MapHouseholdsApi();
        api.MapActivitiesApi();
        api.MapDeskVisitsApi();
        api.MapNoticesApi();
        api.MapMessagesApi();
        api.MapWorkLogApi();
        api.MapSurveysApi();
        api.MapReceptionKpisApi();
        // Only services (client-credentials tokens for the reception audience) use the registry.
        app.MapGrpcService<PropertyRegistryService>().RequireAuthorization(policy => policy.RequireRole(PlatformRoles.Service));
        return app;
    }
}
