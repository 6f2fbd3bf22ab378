using System.Globalization;
using RabbitMQ.Client;

namespace PropertyPlatform.AppHost.Hosting;

/// <summary>
/// A private RabbitMQ node. Every file and port is its own (see docs/infrastructure.md): HOME with the Erlang cookie,
/// Mnesia and log folders, config files, node name rmq&lt;port&gt;@localhost, an explicit distribution port and its own
/// epmd, so it never collides with another broker and never starts a daemonised epmd that would outlive us.
/// </summary>
internal sealed class RabbitMQRunner(RabbitMQServerResource server, RunContext context) : InfrastructureRunner(server, context)
{
    private const string BinDirectory = "/usr/lib/rabbitmq/bin";
    private const string EpmdBinary = "/usr/bin/epmd";
    private ChildProcess? epmd;

    private string EpmdKey => Name + "-epmd";

    private string InstanceDirectory => Path.Combine(Context.StateDirectory, Name);

    private string AmqpPort => Format(server.GetEndpoint("tcp").Port);

    public override IReadOnlyDictionary<string, string> Environment => server.IsExternal ? new Dictionary<string, string>() : BuildEnvironment();

    protected override string Product => "RabbitMQ";

    protected override bool IsExternal => server.IsExternal;

    protected override string PackageBinary => PackageAcquirer.RabbitMQBinary;

    // The rabbitmq-server script traps SIGTERM, stops the node cleanly and waits for beam.smp.
    protected override int StopSignal => NativeMethods.SigTerm;

    protected override string ReadyMessage => $"ready on 127.0.0.1:{AmqpPort}, management UI {server.ManagementUrl}";

    protected override Task LaunchAsync(CancellationToken cancellationToken)
    {
        WriteFiles();
        StartNode();
        return Task.CompletedTask;
    }

    protected override async Task StopHelpersAsync()
    {
        if (epmd is not null)
        {
            await epmd.StopAsync(NativeMethods.SigTerm, TimeSpan.FromSeconds(5));
            Context.PidFiles.Forget(EpmdKey);
            epmd.Dispose();
            epmd = null;
        }
    }

    protected override IEnumerable<EndpointSnapshot> GetDisplayEndpoints() =>
        server.IsExternal ? [] : base.GetDisplayEndpoints();

    private void WriteFiles()
    {
        var home = Path.Combine(InstanceDirectory, "home");
        Directory.CreateDirectory(home);
        Directory.CreateDirectory(Path.Combine(InstanceDirectory, "mnesia"));
        Directory.CreateDirectory(Path.Combine(InstanceDirectory, "log"));

        var cookie = Path.Combine(home, ".erlang.cookie");
        if (!File.Exists(cookie))
        {
            File.WriteAllText(cookie, Secrets.GetOrCreatePassword(Context.StateDirectory, Name + "-cookie").ToUpperInvariant());
            File.SetUnixFileMode(cookie, UnixFileMode.UserRead);
        }

        // default_user applies on the first boot only; the password is kept in the state folder, so it stays valid.
        File.WriteAllLines(Path.Combine(InstanceDirectory, "rabbitmq.conf"),
        [
            $"listeners.tcp.default = 127.0.0.1:{AmqpPort}",
            $"management.tcp.port = {Format(server.GetEndpoint("management").Port)}",
            "management.tcp.ip = 127.0.0.1",
            $"default_user = {RabbitMQServerResource.UserName}",
            $"default_pass = {server.Password}",
            "default_user_tags.administrator = true",
            "default_permissions.configure = .*",
            "default_permissions.read = .*",
            "default_permissions.write = .*",
            "loopback_users = none",
            "log.console = true",
            "log.console.level = info",
            "log.file.level = info",
        ]);
        File.WriteAllText(Path.Combine(InstanceDirectory, "advanced.config"), "[].\n");
        // Written directly rather than with `rabbitmq-plugins --offline`, which would start an Erlang VM (and an epmd) of its own.
        File.WriteAllText(Path.Combine(InstanceDirectory, "enabled_plugins"), "[rabbitmq_management].\n");
        // An empty env file keeps /etc/rabbitmq/rabbitmq-env.conf out of the picture.
        File.WriteAllText(Path.Combine(InstanceDirectory, "rabbitmq-env.conf"), "");
    }

    private Dictionary<string, string> BuildEnvironment() => new()
    {
        ["HOME"] = Path.Combine(InstanceDirectory, "home"),
        ["RABBITMQ_MNESIA_BASE"] = Path.Combine(InstanceDirectory, "mnesia"),
        ["RABBITMQ_LOG_BASE"] = Path.Combine(InstanceDirectory, "log"),
        ["RABBITMQ_PID_FILE"] = Path.Combine(InstanceDirectory, "rabbitmq.pid"),
        ["RABBITMQ_CONFIG_FILE"] = Path.Combine(InstanceDirectory, "rabbitmq.conf"),
        ["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(InstanceDirectory, "advanced.config"),
        ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(InstanceDirectory, "enabled_plugins"),
        ["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(InstanceDirectory, "rabbitmq-env.conf"),
        ["RABBITMQ_NODENAME"] = server.NodeName,
        ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
        ["RABBITMQ_NODE_PORT"] = AmqpPort,
        // Default is AMQP port + 20000, which overflows for high ports: boot fails while the wrapper exits 0.
        ["RABBITMQ_DIST_PORT"] = Format(server.DistributionPort),
        ["ERL_EPMD_PORT"] = Format(server.EpmdPort),
        ["RABBITMQ_CTL_DIST_PORT_MIN"] = Format(server.CliDistributionPortMin),
        ["RABBITMQ_CTL_DIST_PORT_MAX"] = Format(server.CliDistributionPortMax),
        ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}",
    };

    private void StartNode()
    {
        if (epmd is null || epmd.HasExited)
        {
            epmd?.Dispose();
            epmd = ChildProcess.Start(EpmdBinary, ["-port", Format(server.EpmdPort), "-address", "127.0.0.1"], OnChildLine, workingDirectory: InstanceDirectory);
            Context.PidFiles.Record(EpmdKey, epmd);
        }

        Watch(ChildProcess.Start(
            Path.Combine(BinDirectory, "rabbitmq-server"), [], OnChildLine, BuildEnvironment(), workingDirectory: InstanceDirectory));
    }

    /// <summary>Ready means an AMQP connection with the real credentials succeeds; the wrapper's exit code proves nothing.</summary>
    protected override async Task WaitUntilConnectableAsync(CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory
        {
            Uri = new Uri(server.GetConnectionString()),
            RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
            AutomaticRecoveryEnabled = false,
        };
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            try
            {
                await using var connection = await factory.CreateConnectionAsync(cancellationToken);
                return;
            }
            catch (Exception exception) when (exception is RabbitMQ.Client.Exceptions.BrokerUnreachableException or IOException or System.Net.Sockets.SocketException)
            {
                if (HasExited || DateTimeOffset.UtcNow > deadline)
                {
                    throw new DistributedApplicationException($"no AMQP connection on port {AmqpPort}: {exception.Message}", exception);
                }

                await Task.Delay(500, cancellationToken);
            }
        }
    }

    private static string Format(int port) => port.ToString(CultureInfo.InvariantCulture);

}
