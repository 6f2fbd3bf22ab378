namespace PropertyPlatform.AppHost.Hosting;

/// <summary>A named endpoint URL of a resource.</summary>
public sealed record EndpointSnapshot(string Name, string Url);

/// <summary>The state of one resource at one moment.</summary>
public sealed record ResourceSnapshot(
    string Name,
    string Type,
    ResourceState State,
    string Health,
    int Restarts,
    int? Pid,
    DateTimeOffset? StartedAt,
    int? ExitCode,
    IReadOnlyList<EndpointSnapshot> Endpoints,
    IReadOnlyDictionary<string, string> Environment)
{
    public const string Healthy = "Healthy";
    public const string Unhealthy = "Unhealthy";
    public const string Unknown = "Unknown";

    public bool IsHealthy => Health == Healthy;
}
