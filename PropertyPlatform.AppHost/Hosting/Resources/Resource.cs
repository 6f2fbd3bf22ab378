namespace PropertyPlatform.AppHost.Hosting;

/// <summary>A named part of the distributed application: a server, a database or a project.</summary>
public abstract class Resource(string name)
{
    public string Name { get; } = name;

    /// <summary>What the dashboard shows as the resource's type (PostgreSQL, Database, RabbitMQ, Project).</summary>
    public abstract string Type { get; }

    public IList<EndpointDefinition> Endpoints { get; } = [];

    /// <summary>Resources whose connection string or endpoints this one receives in its environment.</summary>
    public IList<Resource> References { get; } = [];

    /// <summary>Resources that must be healthy before this one starts.</summary>
    public IList<Resource> WaitsFor { get; } = [];

    /// <summary>Resources this one cannot exist without (a database's server), started first like a wait.</summary>
    public virtual IEnumerable<Resource> Parents => [];

    public EndpointDefinition GetEndpoint(string endpointName) =>
        Endpoints.FirstOrDefault(e => e.Name == endpointName)
        ?? throw new InvalidOperationException($"Resource '{Name}' has no endpoint named '{endpointName}'.");

    public override string ToString() => $"{Type} {Name}";
}
