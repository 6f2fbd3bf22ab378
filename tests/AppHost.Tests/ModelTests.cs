using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.AppHost.Hosting;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.AppHost.Tests;

/// <summary>The AppHost's model as Aspire sees it, without starting anything.</summary>
public sealed class ModelTests : IDisposable
{
    private readonly DirectoryInfo _state = TestState.CreateDirectory("model");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<IDistributedApplicationTestingBuilder> ModelAsync(params string[] extra) =>
        await DistributedApplicationTestingBuilder.CreateAsync(typeof(PlatformModel), [$"--AppHost:StateDirectory={_state.FullName}", .. extra], Ct);

    [Fact]
    public async Task Every_service_gets_its_own_database_and_the_broker_and_waits_for_both()
    {
        var builder = await ModelAsync();
        var databases = builder.Resources.OfType<PostgresDatabaseResource>().ToDictionary(d => d.Name, d => d.DatabaseName);
        databases.Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["reception-db"] = "reception", ["maintenance-db"] = "maintenance", ["billing-db"] = "billing",
            ["security-gate-db"] = "security_gate", ["hr-training-db"] = "hr_training", ["identity-db"] = "identity",
        });

        foreach (var service in new[] { "reception", "maintenance", "billing", "security-gate", "hr-training", "identity" })
        {
            var project = builder.Resources.OfType<ProjectResource>().Single(p => p.Name == service);
            var waitsFor = project.Annotations.OfType<WaitAnnotation>().Select(w => w.Resource.Name).ToList();
            waitsFor.Should().Contain([$"{service}-db", $"messaging-{service}"], $"{service} starts once its database and its broker user are healthy");
            project.Annotations.OfType<HealthCheckAnnotation>().Should().NotBeEmpty($"{service} is healthy only when /health says so");
            project.GetEndpoints().Select(e => e.EndpointName).Should().Contain(["http", "grpc"]);
            project.Annotations.OfType<EndpointAnnotation>().Single(e => e.Name == "grpc").Transport.Should().Be("http2", "gRPC without TLS needs HTTP/2 prior knowledge");
        }

        var gateway = builder.Resources.OfType<ProjectResource>().Single(p => p.Name == "gateway");
        gateway.Annotations.OfType<WaitAnnotation>().Select(w => w.Resource.Name).Should().Contain(["reception", "identity", "hr-training"]);
        gateway.Annotations.OfType<EndpointAnnotation>().Single(e => e.Name == "http").Port.Should().Be(PlatformModel.DefaultGatewayPort);
    }

    [Fact]
    public async Task PostgreSQL_waits_for_its_init_step_and_RabbitMQ_for_its_own_epmd()
    {
        var builder = await ModelAsync();
        var postgres = builder.Resources.OfType<PostgresServerResource>().Single();
        postgres.Annotations.OfType<WaitAnnotation>().Should().ContainSingle(w => w.Resource.Name == "postgres-init" && w.WaitType == WaitType.WaitForCompletion);
        postgres.Annotations.OfType<HealthCheckAnnotation>().Should().ContainSingle();
        postgres.Annotations.OfType<EndpointAnnotation>().Should().ContainSingle()
            .Which.Should().Match<EndpointAnnotation>(e => !e.IsProxied && e.Port == e.TargetPort && e.Port >= 10_000,
                "services reach the server on its own port, not through the orchestrator's proxy");

        var messaging = builder.Resources.OfType<RabbitMQServerResource>().Single();
        messaging.Annotations.OfType<WaitAnnotation>().Should().ContainSingle(w => w.Resource.Name == "messaging-epmd");
        messaging.Annotations.OfType<ResourceCommandAnnotation>().Select(c => c.Name)
            .Should().Contain([DeadLetterCommands.List, DeadLetterCommands.ReplayOne, DeadLetterCommands.ReplayAll]);
        messaging.Annotations.OfType<EndpointAnnotation>().Should().OnlyContain(e => !e.IsProxied, "the node itself listens on the ports its config names");
    }

    [Fact]
    public async Task RabbitMQs_ports_are_picked_below_the_ephemeral_range_so_no_outgoing_connection_can_take_them_before_it_starts()
    {
        var ephemeralStart = int.Parse(File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0], System.Globalization.CultureInfo.InvariantCulture);

        var ports = (await ModelAsync()).Resources.OfType<RabbitMQServerResource>().Single()
            .Annotations.OfType<EndpointAnnotation>().Select(e => e.TargetPort ?? e.Port).ToList();

        ports.Should().NotBeEmpty().And.OnlyContain(port => port >= 10_000 && port < ephemeralStart);
    }

    [Fact]
    public async Task InfrastructureOnly_models_just_the_servers()
    {
        var builder = await ModelAsync("--AppHost:InfrastructureOnly=true", "--AppHost:Environment=Testing");
        builder.Resources.OfType<ProjectResource>().Should().BeEmpty();
        builder.Resources.OfType<PostgresServerResource>().Should().ContainSingle();
        builder.Resources.OfType<RabbitMQServerResource>().Should().ContainSingle();
        builder.Resources.OfType<MailCatcherResource>().Should().ContainSingle();
    }

    [Fact]
    public async Task In_development_reception_mails_the_local_mail_catcher_and_elsewhere_the_operators_SMTP_server()
    {
        var development = await ModelAsync("--AppHost:Environment=Development");
        var catcher = development.Resources.OfType<MailCatcherResource>().Single();
        var reception = development.Resources.OfType<ProjectResource>().Single(p => p.Name == PlatformModel.ReceptionService);
        catcher.Name.Should().Be(PlatformModel.MailConnectionName);
#pragma warning disable ASPIREDOTNETTOOL // the annotation AddDotnetTool writes: evaluation-only in Aspire 13.6
        catcher.Annotations.OfType<DotnetToolAnnotation>().Single().Should().Match<DotnetToolAnnotation>(t =>
            t.PackageId == MailCatcherResource.PackageId && t.Version == MailCatcherResource.PackageVersion);
#pragma warning restore ASPIREDOTNETTOOL
        catcher.Annotations.OfType<HealthCheckAnnotation>().Should().ContainSingle("reception waits until the inbox answers");
        reception.Annotations.OfType<WaitAnnotation>().Select(w => w.Resource.Name).Should().Contain(PlatformModel.MailConnectionName);
        var environment = await EnvironmentOfAsync(reception);
        environment[$"ConnectionStrings__{PlatformModel.MailConnectionName}"].Should().Be("{mail.connectionString}");
        environment["Notifications__SmsProvider"].Should().Be("recording");

        var production = await ModelAsync("--AppHost:Environment=Production");
        production.Resources.OfType<MailCatcherResource>().Should().BeEmpty("nothing is caught in production: mail goes out");
        var productionReception = production.Resources.OfType<ProjectResource>().Single(p => p.Name == PlatformModel.ReceptionService);
        var productionEnvironment = await EnvironmentOfAsync(productionReception);
        productionEnvironment[$"ConnectionStrings__{PlatformModel.MailConnectionName}"].Should().Be("{mail.connectionString}", "the operator's ConnectionStrings:mail");
        productionEnvironment.Should().NotContainKey("Notifications__SmsProvider", "no SMS is recorded instead of sent");
    }

    [Fact]
    public async Task The_gate_signs_passes_with_one_key_kept_in_the_state_folder_so_shared_passes_outlive_a_restart()
    {
        async Task<string> PassKeyAsync()
        {
            var gate = (await ModelAsync()).Resources.OfType<ProjectResource>().Single(p => p.Name == PlatformModel.SecurityGateService);
            return (await EnvironmentOfAsync(gate))["SecurityGate__PassSigningKey"];
        }

        var first = await PassKeyAsync();
        using var key = System.Security.Cryptography.ECDsa.Create();
        key.ImportFromPem(first);
        key.KeySize.Should().Be(256, "passes are signed with ECDSA P-256");
        (await PassKeyAsync()).Should().Be(first, "the next start signs and checks with the same key");
        File.GetUnixFileMode(Path.Combine(_state.FullName, "secrets", "security-gate-pass-key.pem"))
            .Should().Be(UnixFileMode.UserRead | UnixFileMode.UserWrite, "only the operator reads a private key");
    }

    [Fact]
    public async Task The_development_payment_provider_calls_billing_back_at_the_gateway_as_a_real_provider_would()
    {
        var billing = (await ModelAsync()).Resources.OfType<ProjectResource>().Single(p => p.Name == PlatformModel.BillingService);

        var environment = await EnvironmentOfAsync(billing);

        environment["Billing__Payments__Development__CallbackBaseAddress"].Should().Be("{gateway.bindings.http.url}");
        environment.Should().ContainKey("Billing__Payments__Development__Secret");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Services_send_telemetry_to_the_dashboard_only_when_a_dashboard_runs_and_a_run_with_its_own_collector_keeps_its_address(bool dashboard)
    {
        var builder = await ModelAsync("--ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL=http://localhost:18889");
        builder.Project("reception").WithEnvironment(TelemetryExport.EndpointVariable, "http://localhost:4318");
        using var services = new ServiceCollection().AddSingleton(new DistributedApplicationOptions { DisableDashboard = !dashboard }).BuildServiceProvider();
        var run = new DistributedApplicationExecutionContext(new DistributedApplicationExecutionContextOptions(DistributedApplicationOperation.Run) { Services = services });

        foreach (var project in builder.Resources.OfType<ProjectResource>().Where(p => p.Name != "reception"))
        {
            var environment = await EnvironmentOfAsync(project, run);
            if (dashboard)
            {
                environment.Should().ContainKey(TelemetryExport.EndpointVariable, $"{project.Name} sends its telemetry to the running dashboard");
            }
            else
            {
                environment.Should().NotContainKey(TelemetryExport.EndpointVariable, $"nothing receives {project.Name}'s telemetry without a dashboard");
            }
        }

        var reception = builder.Resources.OfType<ProjectResource>().Single(p => p.Name == "reception");
        (await EnvironmentOfAsync(reception, run))[TelemetryExport.EndpointVariable].Should().Be("http://localhost:4318", "a test's own collector is kept");
    }

    [Fact]
    public async Task Every_process_runs_with_workstation_GC_and_thread_pool_workers_that_sleep_instead_of_spinning()
    {
        var builder = await ModelAsync();

        foreach (var project in builder.Resources.OfType<ProjectResource>())
        {
            var environment = await EnvironmentOfAsync(project);
            environment[SharedCoresRuntime.ServerGc].Should().Be("0", $"{project.Name} shares its cores with the others");
            environment[SharedCoresRuntime.SpinLimit].Should().Be("0", $"{project.Name}'s idle workers must not take a core from the busy ones");
        }
    }

    /// <summary>The resource's environment as the manifest writes it (references as <c>{name.connectionString}</c>), nothing started.</summary>
    private static async Task<Dictionary<string, string>> EnvironmentOfAsync(ProjectResource resource, DistributedApplicationExecutionContext? execution = null)
    {
        var context = new EnvironmentCallbackContext(execution ?? new DistributedApplicationExecutionContext(DistributedApplicationOperation.Publish), resource, [], Ct);
        foreach (var callback in resource.Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            await callback.Callback(context);
        }

        return context.EnvironmentVariables.ToDictionary(e => e.Key, e => e.Value switch
        {
            string text => text,
            IManifestExpressionProvider reference => reference.ValueExpression,
            var other => other.ToString() ?? "",
        });
    }

    [Fact]
    public async Task The_gateway_port_is_configurable_and_0_means_any_free_port()
    {
        var fixedPort = await ModelAsync("--AppHost:GatewayPort=9191");
        fixedPort.Resources.OfType<ProjectResource>().Single(p => p.Name == "gateway").Annotations.OfType<EndpointAnnotation>()
            .Single(e => e.Name == "http").Port.Should().Be(9191);

        var anyPort = await ModelAsync("--AppHost:GatewayPort=0");
        var picked = anyPort.Resources.OfType<ProjectResource>().Single(p => p.Name == "gateway").Annotations.OfType<EndpointAnnotation>()
            .Single(e => e.Name == "http");
        picked.Port.Should().BeGreaterThan(0, "the AppHost picks a free port");
        picked.TargetPort.Should().Be(picked.Port);
    }

    [Fact]
    public async Task The_gateway_and_every_service_listen_on_their_own_ports_without_the_orchestrators_proxy()
    {
        var model = await ModelAsync("--AppHost:GatewayPort=0");

        var endpoints = model.Resources.OfType<ProjectResource>().Where(p => p.Name != PlatformModel.WebApp)
            .SelectMany(p => p.Annotations.OfType<EndpointAnnotation>().Select(e => (Resource: p.Name, Endpoint: e))).ToList();

        endpoints.Select(e => e.Resource).Distinct().Should().HaveCount(7, "six services and the gateway");
        endpoints.Should().AllSatisfy(e =>
        {
            e.Endpoint.IsProxied.Should().BeFalse($"{e.Resource}'s {e.Endpoint.Name} keeps its port across a restart from the dashboard");
            e.Endpoint.Port.Should().BeGreaterThan(0).And.Be(e.Endpoint.TargetPort);
        });
    }

    [Fact]
    public async Task Passwords_are_kept_in_the_state_folder_and_clean_starts_afresh()
    {
        async Task<string> PasswordAsync(params string[] extra)
        {
            var builder = await ModelAsync(extra);
            return (await builder.Resources.OfType<PostgresServerResource>().Single().PasswordParameter.GetValueAsync(Ct))!;
        }

        var first = await PasswordAsync();
        (await PasswordAsync()).Should().Be(first, "the data folder was initialised with it");
        (await PasswordAsync("--clean")).Should().NotBe(first, "--clean empties the state folder");
        File.Exists(Path.Combine(_state.FullName, "secrets", "postgres.password")).Should().BeTrue();
    }

    [Fact]
    public async Task A_taken_gateway_port_stops_the_start_with_a_message_naming_the_port_and_its_setting()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;
        var builder = await ModelAsync($"--AppHost:GatewayPort={port}", "--AppHost:FastInfrastructure=true");
        await using var app = await builder.BuildAsync(Ct);

        var start = async () => await app.StartAsync(Ct);

        (await start.Should().ThrowAsync<Exception>()).Which.ToString().Should()
            .Contain($"Port {port} for the gateway is already in use").And.Contain("--AppHost:GatewayPort=<port>");
    }

    [Fact]
    public async Task Exposing_to_the_network_is_refused_while_the_services_seed_the_demo_accounts()
    {
        var exposeInDevelopment = async () => await ModelAsync($"--{NetworkExposure.Setting}=true", "--AppHost:Environment=Development");

        (await exposeInDevelopment.Should().ThrowAsync<Exception>()).Which.ToString().Should()
            .Contain($"{NetworkExposure.Setting}=true is refused").And.Contain("demo accounts").And.Contain("README.md");
    }

    [Fact]
    public async Task The_gateway_listens_beyond_loopback_only_when_AppHost_ExposeToNetwork_says_so()
    {
        EndpointAnnotation GatewayEndpoint(IDistributedApplicationTestingBuilder builder) =>
            builder.Resources.OfType<ProjectResource>().Single(p => p.Name == "gateway").Annotations.OfType<EndpointAnnotation>().Single(e => e.Name == "http");

        var byDefault = GatewayEndpoint(await ModelAsync());
        byDefault.TargetHost.Should().Be("localhost");
        byDefault.IsExternal.Should().BeFalse("nothing is exposed unless the operator says so");

        var exposed = GatewayEndpoint(await ModelAsync($"--{NetworkExposure.Setting}=true", "--AppHost:Environment=Production"));
        exposed.TargetHost.Should().Be("0.0.0.0");
        exposed.IsExternal.Should().BeTrue();
        (await ModelAsync($"--{NetworkExposure.Setting}=true", "--AppHost:Environment=Production")).Resources.OfType<ProjectResource>().Single(p => p.Name == "gateway")
            .Annotations.OfType<EndpointAnnotation>().Single(e => e.Name == PlatformModel.GatewayInternalEndpoint).TargetHost
            .Should().Be("localhost", "metrics and the API description stay on the gateway's internal endpoint");
        foreach (var endpoint in (await ModelAsync($"--{NetworkExposure.Setting}=true", "--AppHost:Environment=Production")).Resources
            .Where(r => r.Name != "gateway").SelectMany(r => r.Annotations.OfType<EndpointAnnotation>()))
        {
            endpoint.TargetHost.Should().Be("localhost", "only the gateway, the single public entry, is exposed");
        }
    }

    public void Dispose() => TestState.Delete(_state);
}
