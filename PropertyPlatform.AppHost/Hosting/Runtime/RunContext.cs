namespace PropertyPlatform.AppHost.Hosting;

/// <summary>What every runner needs to know about the run: options, state folder, console.</summary>
internal sealed class RunContext(DistributedApplicationOptions options, string stateDirectory, string projectConfiguration, ConsoleSink console, IReadOnlyDictionary<string, string> telemetryEnvironment)
{
    public DistributedApplicationOptions Options { get; } = options;

    public string StateDirectory { get; } = stateDirectory;

    /// <summary>Debug or Release: which bin folder the projects run from.</summary>
    public string ProjectConfiguration { get; } = projectConfiguration;

    public ConsoleSink Console { get; } = console;

    /// <summary>OTEL_* settings of the AppHost passed on to projects (only when the AppHost has them).</summary>
    public IReadOnlyDictionary<string, string> TelemetryEnvironment { get; } = telemetryEnvironment;

    public PidFiles PidFiles { get; } = new(stateDirectory);
}
