using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using PropertyPlatform.AppHost.Hosting;

namespace PropertyPlatform.AppHost;

/// <summary>The PropertyPlatform system as Aspire resources: PostgreSQL with a database per service, RabbitMQ, the services and the gateway.</summary>
public static class PlatformModel
{
    public const int DefaultGatewayPort = 8080;

    public const string IdentityService = "identity";

    public const string ReceptionService = "reception";

    public const string SecurityGateService = "security-gate";

    public const string BillingService = "billing";

    /// <summary>The file under the state folder's secrets/ with the development payment provider's signing secret.</summary>
    public const string PaymentProviderSecretFile = "billing-payment-provider-secret";

    /// <summary>The web app: the staff console and the owners' portal, behind the gateway at <c>/</c>; also its client id at identity.</summary>
    public const string WebApp = "web";

    /// <summary>The connection string reception sends e-mail through (ConnectionStrings__mail): the mail catcher in development.</summary>
    public const string MailConnectionName = "mail";

    /// <summary>The connection string every service reads its broker from (ConnectionStrings__messaging).</summary>
    public const string MessagingConnectionName = "messaging";

    /// <summary>The gateway's endpoint for operations: /metrics, /openapi, /scalar (loopback only).</summary>
    public const string GatewayInternalEndpoint = "internal";

    /// <summary>The OAuth client of operations tooling (client credentials).</summary>
    public const string OperationsClient = "ops-tooling";

    public static void Configure(IDistributedApplicationBuilder builder, string[] args)
    {
        builder.AddResourceStateLog();
        var state = StateFolder.Prepare(builder, args);
        var postgres = builder.AddPostgres("postgres", state);
        var messaging = builder.AddRabbitMQ("messaging", state).WithDeadLetterCommands();
        if (builder.Configuration.GetValue("AppHost:FastInfrastructure", false))
        {
            postgres.WithFastStorage();
        }

        var environmentName = builder.Configuration["AppHost:Environment"] ?? builder.Environment.EnvironmentName;
        // Mail goes to the local mail catcher where everything is plain HTTP on loopback (Development, Testing); anywhere
        // else reception sends through the SMTP server the operator names in ConnectionStrings:mail.
        var mailCatcher = AllowsPlainHttp(environmentName) ? builder.AddMailCatcher(MailConnectionName) : null;

        // Only the servers: service tests run their service in process against these.
        if (builder.Configuration.GetValue("AppHost:InfrastructureOnly", false))
        {
            return;
        }

        // Each service signs in to identity as a client of its own (client credentials) to call the others; the
        // secrets are made afresh for every run and identity updates its client registrations at start.
        var clientSecrets = new Dictionary<string, string>();
        string NewSecret(string client) => clientSecrets[client] = RandomNumberGenerator.GetHexString(40, lowercase: true);

        var exposeToNetwork = NetworkExposure.IsRequested(builder.Configuration);
        if (exposeToNetwork)
        {
            NetworkExposure.RefuseWhileDemoDataIsSeeded(environmentName);
        }

        var databases = new Dictionary<string, IResourceBuilder<PostgresDatabaseResource>>();
        IResourceBuilder<ProjectResource> Service<TProject>(string name, string databaseName) where TProject : IProjectMetadata, new()
        {
            var database = databases[name] = postgres.AddDatabase($"{name}-db", databaseName);
            // A broker user of its own: the service may publish only its own events (BrokerPermissions).
            var brokerUser = messaging.AddUser(name, BrokerPermissions.For(name));
            var project = ListeningItself(builder.AddProject<TProject>(name));
            return project
                .WithReference(database).WaitFor(database)
                .WithReference(brokerUser, MessagingConnectionName).WaitFor(brokerUser)
                .WithEnvironment("ASPNETCORE_ENVIRONMENT", environmentName)
                .WithEnvironment("Auth__ClientId", name)
                .WithEnvironment("Auth__ClientSecret", NewSecret(name))
                // Everything runs on loopback without TLS here.
                .WithEnvironment("Auth__RequireHttpsMetadata", "false")
                .WithHttpHealthCheck("/health")
                .WithUrl(ReferenceExpression.Create($"{project.GetEndpoint("http")}/scalar"), "API reference");
        }

        IResourceBuilder<ProjectResource>[] services =
        [
            Service<Projects.PropertyPlatform_Reception>(ReceptionService, "reception"),
            Service<Projects.PropertyPlatform_Maintenance>("maintenance", "maintenance"),
            Service<Projects.PropertyPlatform_Billing>(BillingService, "billing"),
            Service<Projects.PropertyPlatform_SecurityGate>(SecurityGateService, "security_gate"),
            Service<Projects.PropertyPlatform_HrTraining>("hr-training", "hr_training"),
            Service<Projects.PropertyPlatform_Identity>(IdentityService, IdentityService),
        ];

        // Operations tooling gets a client only when the operator chose its secret (AppHost:OperationsClientSecret).
        if (builder.Configuration["AppHost:OperationsClientSecret"] is { Length: > 0 } operationsSecret)
        {
            clientSecrets[OperationsClient] = operationsSecret;
        }

        var gatewayPort = builder.Configuration.GetValue<int?>("AppHost:GatewayPort") ?? DefaultGatewayPort;
        int? fixedGatewayPort = gatewayPort == 0 ? null : gatewayPort;
        var gateway = builder.AddProject<Projects.PropertyPlatform_Gateway>("gateway")
            .WithHttpEndpoint(port: fixedGatewayPort, name: "http")
            // Metrics and the API description answer here only, never on the public port (and this one is never exposed).
            .WithHttpEndpoint(name: GatewayInternalEndpoint)
            .WithFreePortCheck(fixedGatewayPort, "--AppHost:GatewayPort=<port>")
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", environmentName)
            .WithEnvironment("Auth__RequireHttpsMetadata", "false")
            .WithHttpHealthCheck("/health");
        ListeningItself(gateway);
        var gatewayInternal = gateway.GetEndpoint(GatewayInternalEndpoint);
        gateway
            .WithEnvironment("Gateway__InternalPort", ReferenceExpression.Create($"{gatewayInternal.Property(EndpointProperty.TargetPort)}"))
            .WithUrl(ReferenceExpression.Create($"{gatewayInternal}/scalar"), "API reference (internal)")
            .WithUrl(ReferenceExpression.Create($"{gatewayInternal}/metrics"), "Metrics (internal)");
        var identity = services.Single(s => s.Resource.Name == IdentityService);

        // The web signs people in at identity through the gateway's public address (the issuer) as a confidential
        // client, and calls the services through the gateway (service discovery). The gateway routes every other path
        // to it; it does not wait for the web, so the API is up even while the web is not.
        var gatewayHttp = gateway.GetEndpoint("http");
        var web = builder.AddProject<Projects.PropertyPlatform_Web>(WebApp)
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", environmentName)
            .WithEnvironment("Web__Authority", gatewayHttp)
            .WithEnvironment("Web__ClientId", WebApp)
            .WithEnvironment("Web__ClientSecret", NewSecret(WebApp))
            .WithEnvironment("Web__RequireHttpsMetadata", AllowsPlainHttp(environmentName) ? "false" : "true")
            .WithReference(gateway)
            .WithHttpHealthCheck("/health")
            .WithUrl(ReferenceExpression.Create($"{gatewayHttp}/"), "Console and portal");
        gateway.WithReference(web);
        identity
            .WithEnvironment($"Identity__Clients__{WebApp}__RedirectUris__0", ReferenceExpression.Create($"{gatewayHttp}/signin-callback"))
            .WithEnvironment($"Identity__Clients__{WebApp}__PostLogoutRedirectUris__0", ReferenceExpression.Create($"{gatewayHttp}/signout-callback"));

        var reception = services.Single(s => s.Resource.Name == ReceptionService);
        if (mailCatcher is not null)
        {
            reception.WithReference(mailCatcher).WaitFor(mailCatcher)
                // No SMS gateway here: the development provider records what it would send.
                .WithEnvironment("Notifications__SmsProvider", "recording");
        }
        else
        {
            reception.WithReference(builder.AddConnectionString(MailConnectionName));
        }

        // The passes owners share must outlive a restart, and every instance must check them alike: one key, made once
        // and kept in the state folder like identity's signing keys; a published deployment asks its operator for it.
        var securityGate = services.Single(s => s.Resource.Name == SecurityGateService);
        if (builder.ExecutionContext.IsPublishMode)
        {
            securityGate.WithEnvironment("SecurityGate__PassSigningKey", builder.AddParameter("security-gate-pass-key", secret: true));
        }
        else
        {
            securityGate.WithEnvironment("SecurityGate__PassSigningKey", state.Secret("security-gate-pass-key.pem",
                () => ECDsa.Create(ECCurve.NamedCurves.nistP256).ExportPkcs8PrivateKeyPem()));
        }

        // Billing's development payment provider signs its callbacks with this secret (billing offers online payment
        // only in Development and Testing): kept in the state folder, so whoever plays the provider can sign a callback.
        if (!builder.ExecutionContext.IsPublishMode)
        {
            services.Single(s => s.Resource.Name == BillingService)
                .WithEnvironment("Billing__Payments__Development__Secret",
                    state.Secret(PaymentProviderSecretFile, () => RandomNumberGenerator.GetHexString(40, lowercase: true)))
                // The provider calls the merchant back at its public address, as a real one would: the gateway's callback route.
                .WithEnvironment("Billing__Payments__Development__CallbackBaseAddress", gateway.GetEndpoint("http"));
        }

        if (exposeToNetwork)
        {
            gateway.WithEndpointExposedToNetwork("http", identity, databases[IdentityService]);
        }

        identity
            // Tokens are issued for the public entry: the gateway's address.
            .WithEnvironment("Identity__Issuer", ReferenceExpression.Create($"{gateway.GetEndpoint("http")}/"))
            .WithEnvironment("Identity__KeyDirectory", Path.Combine(state.Path, "identity-keys"))
            // Everything here is plain HTTP on loopback. Identity refuses that switch outside Development and Testing
            // (ProductionSafety), so it is set only there: in other environments identity wants HTTPS in front of it.
            .WithEnvironment("Identity__AllowHttp", AllowsPlainHttp(environmentName) ? "true" : "false")
            // Identity asks itself for its reception token (it confirms owners with reception's registry).
            .WithEnvironment("Auth__Authority", identity.GetEndpoint("http"));
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

            gateway.WithReference(service).WaitFor(service);
        }

        foreach (var project in builder.Resources.OfType<ProjectResource>().ToList())
        {
            builder.CreateResourceBuilder(project).WithTelemetryOnlyToARunningDashboard().WithSharedCoresRuntime();
        }

        builder.Eventing.Subscribe<ResourceReadyEvent>(gateway.Resource, async (_, ct) =>
            Console.WriteLine($"Gateway: {await gateway.GetEndpoint("http").GetValueAsync(ct)}"));
    }

    /// <summary>
    /// Not proxied: the project listens itself on its endpoints' ports, a fixed one where given (the gateway's public
    /// port) and otherwise one picked here, the same across its restarts, as PostgreSQL does. The orchestrator's proxy
    /// in front of a service restarted from the dashboard did not always follow it to its new port: under load (a CI
    /// run) the restarted process answered on its own port while the proxy's address timed out for the rest of the run.
    /// Every request also crossed one proxy per hop (the gateway's and the service's): a quarter of the gateway's rate
    /// at saturation in the benchmark.
    /// </summary>
    private static IResourceBuilder<ProjectResource> ListeningItself(IResourceBuilder<ProjectResource> project)
    {
        foreach (var endpoint in project.Resource.Annotations.OfType<EndpointAnnotation>().Where(e => e.IsProxied))
        {
            var port = endpoint.Port is int fixedPort and > 0 ? fixedPort : FreePorts.Next();
            (endpoint.IsProxied, endpoint.Port, endpoint.TargetPort) = (false, port, port);
        }

        return project;
    }

    private static bool AllowsPlainHttp(string environmentName) =>
        environmentName.Equals(Environments.Development, StringComparison.OrdinalIgnoreCase)
        || environmentName.Equals("Testing", StringComparison.OrdinalIgnoreCase);
}
