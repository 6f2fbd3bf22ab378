using System.Security.Cryptography;
using PropertyPlatform.AppHost.Hosting;

namespace PropertyPlatform.AppHost;

/// <summary>The PropertyPlatform system as resources: used by Program.cs and by the end-to-end tests.</summary>
public static class PlatformModel
{
    public const int DefaultGatewayPort = 8080;

    public const string IdentityService = "identity";

    /// <summary>The OAuth client of operations tooling (client credentials).</summary>
    public const string OperationsClient = "ops-tooling";

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

        var gatewayPort = int.TryParse(builder.Configuration["AppHost:GatewayPort"], out var port) ? port : DefaultGatewayPort;

        // Each service signs in to identity as a client of its own (client credentials) to call the others; the
        // secrets are made afresh for every run and identity updates its client registrations at start.
        var clientSecrets = Services.Select(s => s.Name).ToDictionary(name => name, _ => RandomNumberGenerator.GetHexString(40, lowercase: true));
        // Operations tooling gets a client only when the operator chose its secret (AppHost:OperationsClientSecret).
        if (builder.Configuration["AppHost:OperationsClientSecret"] is { Length: > 0 } operationsSecret)
        {
            clientSecrets[OperationsClient] = operationsSecret;
        }

        var services = new List<IResourceBuilder<ProjectResource>>();
        foreach (var (name, project, database, databaseName) in Services)
        {
            var db = postgres.AddDatabase(database, databaseName);
            services.Add(builder.AddProject(name, project)
                .WithGrpcEndpoint()
                .WithReference(db)
                .WithReference(messaging)
                .WaitFor(db)
                .WaitFor(messaging)
                .WithEnvironment("Auth__ClientId", name)
                .WithEnvironment("Auth__ClientSecret", clientSecrets[name])
                // Everything runs on loopback without TLS here.
                .WithEnvironment("Auth__RequireHttpsMetadata", "false"));
        }

        var identity = services.Single(s => s.Resource.Name == IdentityService);
        identity
            .WithEnvironment("Identity__Issuer", $"http://localhost:{gatewayPort}/")
            .WithEnvironment("Identity__KeyDirectory", Path.Combine(builder.StatePath, "identity-keys"))
            .WithEnvironment("Identity__AllowHttp", "true");
        foreach (var (client, secret) in clientSecrets)
        {
            identity.WithEnvironment($"Identity__Clients__{client}__Secret", secret);
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

        var gateway = builder.AddProject("gateway", "src/Gateway/PropertyPlatform.Gateway.csproj")
            .WithExternalHttpEndpoint(gatewayPort)
            .WithEnvironment("Auth__RequireHttpsMetadata", "false");
        foreach (var service in services)
        {
            gateway.WithReference(service).WaitFor(service);
        }
    }
}
