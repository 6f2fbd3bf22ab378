namespace PropertyPlatform.AppHost.Hosting;

/// <summary>Collects the resource model, then builds the application that runs it.</summary>
public interface IDistributedApplicationBuilder
{
    /// <summary>Command line, environment variables and appsettings.json of the AppHost.</summary>
    IConfiguration Configuration { get; }

    DistributedApplicationOptions Options { get; }

    /// <summary>Where relative project paths are resolved: the repository root.</summary>
    string AppHostDirectory { get; }

    /// <summary>Where data survives restarts (<see cref="DistributedApplicationOptions.StateDirectory"/> or <c>.state</c>).</summary>
    string StatePath { get; }

    IReadOnlyList<Resource> Resources { get; }

    IResourceBuilder<T> AddResource<T>(T resource)
        where T : Resource;

    DistributedApplication Build();
}
