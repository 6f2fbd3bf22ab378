using PropertyPlatform.HrTraining.Data;
using PropertyPlatform.ServiceDefaults.Auditing;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.ServiceDefaults.Data;
using PropertyPlatform.ServiceDefaults.Messaging;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.HrTraining;

public static class HrTrainingServiceExtensions
{
    public const string ServiceName = "hr-training";
    public const string DatabaseName = "hr-training-db";

    public static IHostApplicationBuilder AddHrTrainingServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<HrTrainingDbContext>(DatabaseName);
        builder.AddMessaging(ServiceName, bus => bus.AddEstateCalendars<HrTrainingDbContext>(ServiceName));
        builder.AddPlatformAuthentication(ServiceName);
        return builder;
    }

    /// <summary>The service's API lives under /api/hr-training (so far its audit trail); its features arrive with their own issues.</summary>
    public static WebApplication MapHrTrainingApi(this WebApplication app)
    {
        app.MapGroup("/api/hr-training").MapAuditApi().MapOutboxApi();
        return app;
    }
}
