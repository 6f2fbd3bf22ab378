using PropertyPlatform.SecurityGate.Consumers;
using PropertyPlatform.SecurityGate.Data;
using PropertyPlatform.SecurityGate.Features;
using PropertyPlatform.SecurityGate.Features.ExitPermits;
using PropertyPlatform.SecurityGate.Features.FireSafety;
using PropertyPlatform.SecurityGate.Features.Incidents;
using PropertyPlatform.SecurityGate.Features.Kpis;
using PropertyPlatform.SecurityGate.Features.Parking;
using PropertyPlatform.SecurityGate.Features.Passes;
using PropertyPlatform.SecurityGate.Features.Patrols;
using PropertyPlatform.SecurityGate.Features.Posts;
using PropertyPlatform.SecurityGate.Features.SpecialAccess;
using PropertyPlatform.SecurityGate.Features.Visitors;
using PropertyPlatform.ServiceDefaults.Auditing;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.ServiceDefaults.Data;
using PropertyPlatform.ServiceDefaults.Messaging;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Sla;
using PropertyPlatform.ServiceDefaults.Staffing;

namespace PropertyPlatform.SecurityGate;

public static class SecurityGateServiceExtensions
{
    public const string ServiceName = "security-gate";
    public const string DatabaseName = "security-gate-db";

    public static IHostApplicationBuilder AddSecurityGateServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<SecurityGateDbContext>(DatabaseName);
        builder.AddMessaging(ServiceName, bus =>
        {
            bus.AddConsumer<OwnerRegisteredConsumer>();
            bus.AddConsumer<ResidentMovedInConsumer>();
            bus.AddConsumer<ResidentMovedOutConsumer>();
            bus.AddConsumer<RenovationPermitApprovedConsumer>();
            bus.AddConsumer<RenovationAcceptedConsumer>();
            bus.AddConsumer<DeadlineBreachConsumer>();
            bus.AddEstateCalendars<SecurityGateDbContext>(ServiceName);
            bus.AddStaffReadModel<SecurityGateDbContext>(ServiceName);
        });
        builder.AddSlaMonitor<SecurityGateDbContext>(ServiceName)
            .AddSlaWatch<SecurityGateDbContext, CheckpointWatch>()
            .AddSlaWatch<SecurityGateDbContext, FireCheckWatch>();
        builder.Services.AddHostedService<GateScheduler>();
        builder.Services.AddScoped<IStaffChangeReactions<SecurityGateDbContext>, PostStaffing>();
        PassSigningKey.AddPassSigningKey(builder);
        builder.AddPlatformAuthentication(ServiceName);
        return builder;
    }

    /// <summary>The service's API lives under /api/security-gate: visitors, passes, vehicles and parking, and its audit trail.</summary>
    public static WebApplication MapSecurityGateApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/security-gate");
        api.MapVisitsApi();
        api.MapPassesApi();
        api.MapVehiclesApi();
        api.MapParkingApi();
        api.MapPostsApi();
        api.MapPatrolsApi();
        api.MapIncidentsApi();
        api.MapFireSafetyApi();
        api.MapSafetyRecordsApi();
        api.MapExitPermitsApi();
        api.MapSpecialAccessApi();
        api.MapSecurityGateKpisApi();
        api.MapAuditApi().MapOutboxApi();
        api.MapSlaApi();
        return app;
    }
}
