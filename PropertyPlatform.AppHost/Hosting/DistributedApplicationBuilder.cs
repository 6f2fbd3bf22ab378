using System.Reflection;

namespace PropertyPlatform.AppHost.Hosting;

/// <summary>Collects resources; <see cref="Build"/> settles the state folder, ports and secrets.</summary>
internal sealed class DistributedApplicationBuilder : IDistributedApplicationBuilder
{
    private const int StablePostgresPort = 15432;
    private const int StableRabbitMQBase = 35672;
    private const int StableProjectBase = 17100;
    private const int RabbitMQPortBlock = 8;
    private readonly List<Resource> resources = [];

    public DistributedApplicationBuilder(DistributedApplicationOptions options)
    {
        Options = options;
        var args = options.Args.ToList();
        // `--clean` is a bare flag; the command-line configuration provider only understands key=value pairs.
        if (args.Remove("--clean"))
        {
            options.Clean = true;
        }

        Configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine([.. args])
            .Build();
        ApplyConfiguration(Configuration.GetSection("AppHost"));
        AppHostDirectory = StateDirectory.FindRepositoryRoot(AppContext.BaseDirectory)
            ?? StateDirectory.FindRepositoryRoot(Environment.CurrentDirectory)
            ?? Environment.CurrentDirectory;
    }

    public IConfiguration Configuration { get; }

    public DistributedApplicationOptions Options { get; }

    public string AppHostDirectory { get; }

    public string StatePath => Path.GetFullPath(Options.StateDirectory ?? Path.Combine(AppHostDirectory, ".state"));

    public IReadOnlyList<Resource> Resources => resources;

    public IResourceBuilder<T> AddResource<T>(T resource)
        where T : Resource
    {
        if (resources.Any(r => string.Equals(r.Name, resource.Name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new InvalidOperationException($"A resource named '{resource.Name}' already exists.");
        }

        resources.Add(resource);
        return new ResourceBuilder<T>(this, resource);
    }

    public DistributedApplication Build()
    {
        var stateDirectory = StatePath;
        var console = new ConsoleSink(Options.QuietConsole);
        // First of all: a previous run killed with SIGKILL may still hold the ports and use the files.
        foreach (var leftover in new PidFiles(stateDirectory).ReapLeftovers())
        {
            console.AppHost($"killed {leftover}, left running by an earlier run that did not stop cleanly");
        }

        if (Options.Clean && Directory.Exists(stateDirectory))
        {
            Directory.Delete(stateDirectory, recursive: true);
        }

        Directory.CreateDirectory(stateDirectory);

        var selected = SelectResources();
        var ports = new PortAllocator();
        var dashboardPort = Options.DashboardEnabled
            ? Options.UseRandomPorts ? ports.Random() : ports.Reserve(Options.DashboardPort, "dashboard")
            : 0;
        foreach (var resource in selected)
        {
            ResolveExternal(resource);
            AllocatePorts(resource, ports);
            switch (resource)
            {
                case PostgresServerResource postgres:
                    postgres.Password = Secrets.GetOrCreatePassword(stateDirectory, postgres.Name);
                    break;
                case RabbitMQServerResource rabbit:
                    rabbit.Password = Secrets.GetOrCreatePassword(stateDirectory, rabbit.Name);
                    break;
            }
        }

        var context = new RunContext(Options, stateDirectory, ResolveProjectConfiguration(), console, TelemetryEnvironment());
        return new DistributedApplication(selected, context, dashboardPort);
    }

    private void ApplyConfiguration(IConfigurationSection section)
    {
        Options.StateDirectory = section["StateDirectory"] ?? Options.StateDirectory;
        Options.Clean = section.GetValue("Clean", Options.Clean);
        Options.UseRandomPorts = section.GetValue("UseRandomPorts", Options.UseRandomPorts);
        Options.FastInfrastructure = section.GetValue("FastInfrastructure", Options.FastInfrastructure);
        Options.QuietConsole = section.GetValue("Quiet", Options.QuietConsole);
        Options.EnvironmentName = section["Environment"] ?? Options.EnvironmentName;
        Options.DashboardPort = section.GetValue("DashboardPort", Options.DashboardPort);
        Options.ProjectConfiguration = section["ProjectConfiguration"] ?? Options.ProjectConfiguration;
        foreach (var name in (section["Resources"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            Options.ResourceFilter.Add(name);
        }
    }

    /// <summary>With a filter, the named resources plus everything they reference, wait for or live in.</summary>
    private List<Resource> SelectResources()
    {
        if (Options.ResourceFilter.Count == 0)
        {
            return [.. resources];
        }

        var selected = new HashSet<Resource>();
        var pending = new Stack<Resource>(Options.ResourceFilter.Select(name =>
            resources.FirstOrDefault(r => r.Name == name) ?? throw new InvalidOperationException($"AppHost:Resources names an unknown resource '{name}'.")));
        while (pending.TryPop(out var resource))
        {
            if (selected.Add(resource))
            {
                foreach (var dependency in resource.References.Concat(resource.WaitsFor).Concat(resource.Parents))
                {
                    pending.Push(dependency);
                }
            }
        }

        return [.. resources.Where(selected.Contains)];
    }

    /// <summary><c>ConnectionStrings:{name}</c> in the AppHost's configuration means: use that server, start nothing.</summary>
    private void ResolveExternal(Resource resource)
    {
        var existing = Configuration.GetConnectionString(resource.Name);
        if (string.IsNullOrWhiteSpace(existing))
        {
            return;
        }

        switch (resource)
        {
            case PostgresServerResource postgres:
                postgres.ExternalConnectionString = existing;
                break;
            case RabbitMQServerResource rabbit:
                rabbit.ExternalConnectionString = existing;
                break;
        }
    }

    private void AllocatePorts(Resource resource, PortAllocator ports)
    {
        var random = Options.UseRandomPorts;
        switch (resource)
        {
            case PostgresServerResource postgres when !postgres.IsExternal:
                postgres.GetEndpoint("tcp").Port = random ? ports.Random() : ports.Reserve(postgres.GetEndpoint("tcp").RequestedPort ?? StablePostgresPort, postgres.Name);
                break;
            case RabbitMQServerResource rabbit when !rabbit.IsExternal:
                // One block per node: AMQP, management, distribution, epmd, then the CLI tools' distribution range.
                // Fixed in a normal run: the node name (and so its data folder) is derived from the AMQP port.
                var start = random
                    ? ports.RandomBlock(RabbitMQPortBlock)
                    : ports.ReserveBlock(rabbit.GetEndpoint("tcp").RequestedPort ?? StableRabbitMQBase, RabbitMQPortBlock, rabbit.Name);
                rabbit.GetEndpoint("tcp").Port = start;
                rabbit.GetEndpoint("management").Port = start + 1;
                rabbit.DistributionPort = start + 2;
                rabbit.EpmdPort = start + 3;
                rabbit.CliDistributionPortMin = start + 4;
                break;
            case ProjectResource project:
                foreach (var endpoint in project.Endpoints)
                {
                    endpoint.Port = random ? ports.Random()
                        : endpoint.RequestedPort is { } fixedPort ? ports.Reserve(fixedPort, $"{project.Name} {endpoint.Name}")
                        : ports.NextFree(StableProjectBase);
                }

                break;
        }
    }

    /// <summary>Projects run from the same configuration's output as the AppHost (Debug or Release).</summary>
    private string ResolveProjectConfiguration() =>
        Options.ProjectConfiguration
        ?? Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration
        ?? typeof(DistributedApplicationBuilder).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration
        ?? "Debug";

    /// <summary>Telemetry settings are passed on only when the AppHost itself has them.</summary>
    private Dictionary<string, string> TelemetryEnvironment()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in new[] { "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_EXPORTER_OTLP_HEADERS" })
        {
            if (Configuration[name] is { Length: > 0 } value)
            {
                result[name] = value;
            }
        }

        return result;
    }
}
