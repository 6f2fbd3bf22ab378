using PropertyPlatform.HrTraining.Consumers;
using PropertyPlatform.HrTraining.Data;
using PropertyPlatform.HrTraining.Features.Appraisal;
using PropertyPlatform.HrTraining.Features.Attendance;
using PropertyPlatform.HrTraining.Features.Certifications;
using PropertyPlatform.HrTraining.Features.Discipline;
using PropertyPlatform.HrTraining.Features.Kpis;
using PropertyPlatform.HrTraining.Features.Rosters;
using PropertyPlatform.HrTraining.Features.Staff;
using PropertyPlatform.HrTraining.Features.Training;
using PropertyPlatform.HrTraining.Grpc;
using PropertyPlatform.ServiceDefaults.Auditing;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.ServiceDefaults.Data;
using PropertyPlatform.ServiceDefaults.Messaging;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Sla;

namespace PropertyPlatform.HrTraining;

public static class HrTrainingServiceExtensions
{
    public const string ServiceName = "hr-training";
    public const string DatabaseName = "hr-training-db";

    public static IHostApplicationBuilder AddHrTrainingServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<HrTrainingDbContext>(DatabaseName);
        builder.AddMessaging(ServiceName, bus =>
        {
            bus.AddConsumer<CallbackCompletedConsumer>();
            bus.AddConsumer<SlaBreachedConsumer>();
            bus.AddEstateCalendars<HrTrainingDbContext>(ServiceName);
        });
        builder.Services.AddGrpc();
        builder.Services.AddHostedService<CertificationExpiry>();
        builder.Services.AddHostedService<AttendanceSheetScheduler>();
        builder.Services.AddHostedService<AssessmentShortfallCheck>();
        builder.Services.AddHostedService<EmploymentEndings>();
        builder.AddSlaMonitor<HrTrainingDbContext>(ServiceName)
            .AddSlaWatch<HrTrainingDbContext, AttendanceSheetWatch>();
        builder.AddPlatformAuthentication(ServiceName);
        return builder;
    }

    public static WebApplication MapHrTrainingApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/hr-training");
        api.MapStaffApi().MapStaffRepublishApi();
        api.MapDisciplineApi();
        api.MapAppraisalApi().MapStaffChecksApi();
        api.MapTrainingApi().MapTrainingPlansApi();
        api.MapCertificationsApi();
        api.MapRostersApi();
        api.MapAttendanceApi().MapAttendanceSettingsApi().MapLeaveApi().MapAttendanceSheetsApi();
        api.MapHrTrainingKpisApi();
        api.MapAuditApi().MapOutboxApi();
        api.MapSlaApi();
        // Only services (client-credentials tokens for the hr-training audience) use the directory.
        app.MapGrpcService<StaffDirectoryService>().RequireAuthorization(policy => policy.RequireRole(PlatformRoles.Service));
        return app;
    }
}
