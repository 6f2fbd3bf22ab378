using PropertyPlatform.AppHost.Hosting;

namespace PropertyPlatform.AppHost;

/// <summary>The PropertyPlatform system as resources: used by Program.cs and by the end-to-end tests.</summary>
public static class PlatformModel
{
    public const int DefaultGatewayPort = 8080;

    /// <summary>Service name, project path and database (resource name, database name) of each service.</summary>
    private static readonly (string Name, string Project, string Database, string DatabaseName)[] Services =
    [
        ("reception", "src/Reception/PropertyPlatform.Reception.csproj", "reception-db", "reception"),
        ("maintenance", "src/Maintenance/PropertyPlatform.Maintenance.csproj", "maintenance-db", "maintenance"),
        ("billing", "src/Billing/PropertyPlatform.Billing.csproj", "billing-db", "billing"),
        ("security-gate", "src/SecurityGate/PropertyPlatform.SecurityGate.csproj", "security-gate-db", "security_gate"),
        ("hr-training", "src/HrTraining/PropertyPlatform.HrTraining.csproj", "hr-training-db", "hr_training"),
        ("identity", "src/Identity/PropertyPlatform.Identity.csproj", "identity-db", "identity"),
    ];

    public static void Configure(IDistributedApplicationBuilder builder)
    {
        var postgres = builder.AddPostgres("postgres");
        var messaging = builder.AddRabbitMQ("messaging");

        var services = new List<IResourceBuilder<ProjectResource>>();
        foreach (var (name, project, database, databaseName) in Services)
        {
            var db = postgres.AddDatabase(database, databaseName);
            services.Add(builder.AddProject(name, project)
                .WithGrpcEndpoint()
                .WithReference(db)
                .WithReference(messaging)
                .WaitFor(db)
                .WaitFor(messaging));
        }

        // Services call each other over gRPC/HTTP (reception ↔ maintenance, billing → reception, dispatch → hr-training...):
        // every service knows every other one's endpoints; an unused reference costs nothing.
        foreach (var service in services)
        {
            foreach (var other in services.Where(s => s != service))
            {
                service.WithReference(other);
            }
        }

        var gatewayPort = int.TryParse(builder.Configuration["AppHost:GatewayPort"], out var port) ? port : DefaultGatewayPort;
        var gateway = builder.AddProject("gateway", "src/Gateway/PropertyPlatform.Gateway.csproj")
            .WithExternalHttpEndpoint(gatewayPort);
        foreach (var service in services)
        {
            gateway.WithReference(service).WaitFor(service);
        }
    }
}
