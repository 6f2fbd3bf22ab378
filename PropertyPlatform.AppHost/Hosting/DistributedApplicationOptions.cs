namespace PropertyPlatform.AppHost.Hosting;

/// <summary>How the application runs. Configuration keys under <c>AppHost:</c> override the defaults in code.</summary>
public sealed class DistributedApplicationOptions
{
    public string[] Args { get; set; } = [];

    /// <summary>Data that survives restarts; default <c>&lt;repo root&gt;/.state</c> (<c>AppHost:StateDirectory</c>).</summary>
    public string? StateDirectory { get; set; }

    /// <summary>Wipe the state folder first (<c>--clean</c> or <c>AppHost:Clean=true</c>).</summary>
    public bool Clean { get; set; }

    /// <summary>Free ports everywhere instead of the stable defaults (<c>AppHost:UseRandomPorts</c>), for tests.</summary>
    public bool UseRandomPorts { get; set; }

    /// <summary>PostgreSQL without fsync (<c>AppHost:FastInfrastructure</c>): survives a killed process, not an OS crash; tests only.</summary>
    public bool FastInfrastructure { get; set; }

    /// <summary>Keep children's log lines off the console (they still reach the dashboard and <c>GetResourceLogs</c>).</summary>
    public bool QuietConsole { get; set; }

    /// <summary><c>ASPNETCORE_ENVIRONMENT</c>/<c>DOTNET_ENVIRONMENT</c> of the projects (<c>AppHost:Environment</c>).</summary>
    public string EnvironmentName { get; set; } = "Development";

    public bool DashboardEnabled { get; set; } = true;

    /// <summary>Dashboard port (<c>AppHost:DashboardPort</c>); random with <see cref="UseRandomPorts"/>.</summary>
    public int DashboardPort { get; set; } = 18888;

    /// <summary>Build configuration whose output the projects run from; default: the AppHost's own.</summary>
    public string? ProjectConfiguration { get; set; }

    /// <summary>Install PostgreSQL/RabbitMQ with apt-get when missing (root only).</summary>
    public bool AcquirePackages { get; set; } = true;

    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a child gets after SIGTERM/SIGINT before SIGKILL.</summary>
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Run only these resources and what they depend on (<c>AppHost:Resources=postgres,messaging</c>).</summary>
    public IList<string> ResourceFilter { get; } = [];
}
