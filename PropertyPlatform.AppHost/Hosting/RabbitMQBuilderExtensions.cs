using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RabbitMQ.Client;

namespace PropertyPlatform.AppHost.Hosting;

/// <summary>
/// RabbitMQ without a container runtime, shaped like Aspire's <c>AddRabbitMQ</c>. The node has ports of its own for
/// AMQP, the management UI, Erlang distribution, the CLI's distribution and its own <c>epmd</c>, which runs as a
/// child resource in the foreground so that stopping the AppHost stops it too (a daemonised epmd would outlive
/// everything). Nothing listens beyond loopback.
/// </summary>
public static class RabbitMQBuilderExtensions
{
    public static IResourceBuilder<RabbitMQServerResource> AddRabbitMQ(this IDistributedApplicationBuilder builder, string name, StateFolder state)
    {
        var secret = state.Password(name);
        var password = builder.AddParameter($"{name}-password", secret, secret: true);
        var instance = state.For(name);
        var server = new RabbitMQServerResource(name, instance, password.Resource, state);

        var ports = new RabbitMQPorts(FreePorts.Next(), FreePorts.Next(), FreePorts.Next(), FreePorts.Next(), FreePorts.Next());
        // Healthy once it answers: a node that starts while epmd is still coming up fails with 'nodistribution' (seen
        // on a loaded machine), and waiting for the process alone does not wait for its port.
        builder.Services.AddHealthChecks().AddAsyncCheck($"{name}-epmd_check", async ct =>
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, ports.Epmd, ct);
            return HealthCheckResult.Healthy();
        });
        var epmd = builder.AddExecutable($"{name}-epmd", "/usr/bin/epmd", instance, "-address", "127.0.0.1")
            .WithEnvironment("ERL_EPMD_PORT", Format(ports.Epmd))
            .WithHealthCheck($"{name}-epmd_check")
            .WithParentRelationship(server);

        var connectionString = builder.CaptureConnectionString(server);
        IConnection? healthConnection = null;
        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(server, (_, _) =>
        {
            WriteFiles(server, secret, ports);
            return Task.CompletedTask;
        });
        builder.Services.AddHealthChecks().AddRabbitMQ(
            async _ => healthConnection ??= await new ConnectionFactory
            {
                Uri = new Uri(connectionString()),
                ClientProvidedName = "apphost-health",
            }.CreateConnectionAsync(),
            name: $"{name}_check");
        PackageInstallation.Require(builder);
        builder.Eventing.Subscribe<ResourceReadyEvent>(server, async (@event, ct) =>
        {
            await CreateUsersAsync(server, ct);
            await ChildResourceStates.PublishAsync(server.Users, @event.Services, KnownResourceStates.Running);
        });
        builder.Eventing.Subscribe<ResourceStoppedEvent>(server, async (@event, _) =>
            await ChildResourceStates.PublishAsync(server.Users, @event.Services, KnownResourceStates.Exited));

        return builder.AddResource(server)
            // Not proxied: the node itself listens on these ports, which its config names.
            .WithEndpoint(name: RabbitMQServerResource.PrimaryEndpointName, scheme: "tcp", port: ports.Amqp, targetPort: ports.Amqp, isProxied: false)
            .WithHttpEndpoint(name: RabbitMQServerResource.ManagementEndpointName, port: ports.Management, targetPort: ports.Management, isProxied: false)
            .WithEnvironment(context =>
            {
                context.EnvironmentVariables["HOME"] = Path.Combine(instance, "home");
                context.EnvironmentVariables["RABBITMQ_MNESIA_BASE"] = Path.Combine(instance, "mnesia");
                context.EnvironmentVariables["RABBITMQ_LOG_BASE"] = Path.Combine(instance, "log");
                context.EnvironmentVariables["RABBITMQ_PID_FILE"] = Path.Combine(instance, "rabbitmq.pid");
                context.EnvironmentVariables["RABBITMQ_CONFIG_FILE"] = Path.Combine(instance, "rabbitmq.conf");
                context.EnvironmentVariables["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(instance, "advanced.config");
                context.EnvironmentVariables["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(instance, "enabled_plugins");
                context.EnvironmentVariables["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(instance, "rabbitmq-env.conf");
                context.EnvironmentVariables["RABBITMQ_NODENAME"] = RabbitMQServerResource.NodeName;
                context.EnvironmentVariables["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1";
                context.EnvironmentVariables["RABBITMQ_NODE_PORT"] = Format(ports.Amqp);
                // The default (AMQP port + 20000) overflows for high ports: boot fails while the wrapper exits 0.
                context.EnvironmentVariables["RABBITMQ_DIST_PORT"] = Format(ports.Distribution);
                context.EnvironmentVariables["RABBITMQ_CTL_DIST_PORT_MIN"] = Format(ports.CliDistribution);
                context.EnvironmentVariables["RABBITMQ_CTL_DIST_PORT_MAX"] = Format(ports.CliDistribution);
                context.EnvironmentVariables["ERL_EPMD_PORT"] = Format(ports.Epmd);
                // The distribution port binds to loopback too, and the node uses our epmd: it never starts a daemon of its own.
                context.EnvironmentVariables["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-start_epmd false -kernel inet_dist_use_interface {127,0,0,1}";
            })
            .WithUrlForEndpoint(RabbitMQServerResource.ManagementEndpointName, url => url.DisplayText = "Management UI")
            .WithIconName("Mailbox")
            .WaitFor(epmd)
            .WithHealthCheck($"{name}_check");
    }

    /// <summary>
    /// A user of its own for one client of the node (a service), shaped like a database of a server: a child resource
    /// with a connection string (<c>WithReference(user, "messaging")</c>) and a health check that signs in as it.
    /// </summary>
    public static IResourceBuilder<RabbitMQUserResource> AddUser(this IResourceBuilder<RabbitMQServerResource> builder, string userName, RabbitMQPermissions permissions)
    {
        var server = builder.Resource;
        var name = $"{server.Name}-{userName}";
        var password = builder.ApplicationBuilder.AddParameter($"{name}-password", server.State.Password(name), secret: true);
        var user = new RabbitMQUserResource(name, userName, permissions, password.Resource, server);
        server.AddUser(user);

        var connectionString = builder.ApplicationBuilder.CaptureConnectionString(user);
        IConnection? healthConnection = null;
        builder.ApplicationBuilder.Services.AddHealthChecks().AddRabbitMQ(
            async _ => healthConnection ??= await new ConnectionFactory { Uri = new Uri(connectionString()), ClientProvidedName = $"apphost-health-{userName}" }.CreateConnectionAsync(),
            name: $"{name}_check");

        return builder.ApplicationBuilder.AddResource(user)
            .WithInitialState(new CustomResourceSnapshot { ResourceType = "RabbitMQUser", State = KnownResourceStates.NotStarted, Properties = [] })
            .WithIconName("Person")
            .WithHealthCheck($"{name}_check");
    }

    /// <summary>Creates (or updates) every user with its password and permissions, through the management API as the administrator.</summary>
    private static async Task CreateUsersAsync(RabbitMQServerResource server, CancellationToken cancellationToken)
    {
        if (server.Users.Count == 0)
        {
            return;
        }

        var management = new Uri(await server.ManagementEndpoint.GetValueAsync(cancellationToken)
            ?? throw new InvalidOperationException("The broker's management endpoint is not allocated yet."));
        var administratorPassword = await server.PasswordParameter.GetValueAsync(cancellationToken) ?? "";
        using var http = new HttpClient { BaseAddress = management, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = RabbitMQServerResource.ManagementAuthorization(administratorPassword);
        foreach (var user in server.Users)
        {
            var password = await user.PasswordParameter.GetValueAsync(cancellationToken) ?? "";
            using var created = await http.PutAsJsonAsync($"/api/users/{Uri.EscapeDataString(user.UserName)}", new { password, tags = "" }, cancellationToken);
            created.EnsureSuccessStatusCode();
            using var permitted = await http.PutAsJsonAsync($"/api/permissions/%2F/{Uri.EscapeDataString(user.UserName)}",
                new { configure = user.Permissions.Configure, write = user.Permissions.Write, read = user.Permissions.Read }, cancellationToken);
            permitted.EnsureSuccessStatusCode();
        }
    }

    private sealed record RabbitMQPorts(int Amqp, int Management, int Distribution, int CliDistribution, int Epmd);

    private static string Format(int port) => port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The node's files, written before every start (the password is the one kept in the state folder).</summary>
    private static void WriteFiles(RabbitMQServerResource server, string password, RabbitMQPorts ports)
    {
        var instance = server.InstanceDirectory;
        var home = Path.Combine(instance, "home");
        Directory.CreateDirectory(home);
        Directory.CreateDirectory(Path.Combine(instance, "mnesia"));
        Directory.CreateDirectory(Path.Combine(instance, "log"));

        var cookie = Path.Combine(home, ".erlang.cookie");
        if (!File.Exists(cookie))
        {
            StateFolder.WriteSecret(cookie, Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)), UnixFileMode.UserRead);
        }

        // default_user applies on the first boot only; the password is kept in the state folder, so it stays valid.
        File.WriteAllLines(Path.Combine(instance, "rabbitmq.conf"),
        [
            $"management.tcp.port = {Format(ports.Management)}",
            "management.tcp.ip = 127.0.0.1",
            $"default_user = {RabbitMQServerResource.UserName}",
            $"default_pass = {password}",
            "default_user_tags.administrator = true",
            "default_permissions.configure = .*",
            "default_permissions.read = .*",
            "default_permissions.write = .*",
            "loopback_users = none",
            "log.console = true",
            "log.console.level = info",
            "log.file.level = info",
        ]);
        File.WriteAllText(Path.Combine(instance, "advanced.config"), "[].\n");
        // Written directly rather than with `rabbitmq-plugins --offline`, which would start an Erlang VM (and an epmd) of its own.
        File.WriteAllText(Path.Combine(instance, "enabled_plugins"), "[rabbitmq_management].\n");
        // An empty env file keeps /etc/rabbitmq/rabbitmq-env.conf out of the picture.
        File.WriteAllText(Path.Combine(instance, "rabbitmq-env.conf"), "");
    }
}
