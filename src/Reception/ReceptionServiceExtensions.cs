using PropertyPlatform.Reception.Consumers;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Features.Registry;
using PropertyPlatform.Reception.Features.RegistryImports;
using PropertyPlatform.Reception.Features.Residents;
using PropertyPlatform.Reception.Features.Requests;
using PropertyPlatform.Reception.Grpc;
using PropertyPlatform.Reception.Seed;
using PropertyPlatform.ServiceDefaults.Auditing;
using PropertyPlatform.ServiceDefaults.Data;
using PropertyPlatform.ServiceDefaults.Messaging;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Reception;

public static class ReceptionServiceExtensions
{
    public const string ServiceName = "reception";
    public const string DatabaseName = "reception-db";

    public static IHostApplicationBuilder AddReceptionServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<ReceptionDbContext>(DatabaseName);
        builder.AddMessaging(ServiceName, bus => bus.AddConsumer<WorkOrderCreatedConsumer>());
        builder.Services.AddGrpc();
        builder.Services.AddSingleton<RegistryImportSignal>();
        builder.Services.AddHostedService<RegistryImportWorker>();
        builder.AddPlatformAuthentication(ServiceName);
        builder.Services.AddScoped<DemoRegistry>();
        if (builder.Configuration.GetValue<bool>("Reception:SeedDemoData"))
        {
            builder.Services.AddHostedService<DemoRegistryStartup>();
        }

        return builder;
    }

    public static WebApplication MapReceptionApi(this WebApplication app)
    {
        var api = app.MapGroup("/api/reception");
        api.MapRequestsApi();
        api.MapRegistryApi();
        api.MapOwnersApi();
        api.MapRegistryImportApi();
        api.MapResidentsApi();
        api.MapAuditApi();
        // Only services (client-credentials tokens for the reception audience) use the registry.
        app.MapGrpcService<PropertyRegistryService>().RequireAuthorization(policy => policy.RequireRole(PlatformRoles.Service));
        return app;
    }
}
