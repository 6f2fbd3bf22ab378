using PropertyPlatform.HrTraining.Data;
using PropertyPlatform.ServiceDefaults.Data;
using PropertyPlatform.ServiceDefaults.Messaging;

namespace PropertyPlatform.HrTraining;

public static class HrTrainingServiceExtensions
{
    public const string ServiceName = "hr-training";
    public const string DatabaseName = "hr-training-db";

    public static IHostApplicationBuilder AddHrTrainingServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<HrTrainingDbContext>(DatabaseName);
        builder.AddMessaging(ServiceName);
        return builder;
    }

    /// <summary>The service's API lives under /api/hr-training; its features arrive with their own issues.</summary>
    public static WebApplication MapHrTrainingApi(this WebApplication app)
    {
        app.MapGroup("/api/hr-training");
        return app;
    }
}
