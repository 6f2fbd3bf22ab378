namespace PropertyPlatform.AppHost.Hosting;

public static class ProjectBuilderExtensions
{
    /// <summary>A project with an <c>http</c> endpoint; the path is relative to the repository root.</summary>
    public static IResourceBuilder<ProjectResource> AddProject(this IDistributedApplicationBuilder builder, string name, string projectPath)
    {
        var fullPath = Path.GetFullPath(projectPath, builder.AppHostDirectory);
        var project = new ProjectResource(name, fullPath);
        project.Endpoints.Add(new EndpointDefinition("http", "http"));
        return builder.AddResource(project);
    }

    /// <summary>A second endpoint named <c>grpc</c> that speaks HTTP/2 only, for gRPC without TLS.</summary>
    public static IResourceBuilder<ProjectResource> WithGrpcEndpoint(this IResourceBuilder<ProjectResource> project, int? port = null)
    {
        project.Resource.Endpoints.Add(new EndpointDefinition("grpc", "http") { RequestedPort = port, Http2Only = true });
        return project;
    }

    /// <summary>Makes the <c>http</c> endpoint the public entry on a fixed port (random in tests).</summary>
    public static IResourceBuilder<ProjectResource> WithExternalHttpEndpoint(this IResourceBuilder<ProjectResource> project, int port)
    {
        var endpoints = project.Resource.Endpoints;
        var index = endpoints.IndexOf(project.Resource.GetEndpoint("http"));
        endpoints[index] = new EndpointDefinition("http", "http") { RequestedPort = port, IsExternal = true };
        return project;
    }

    public static IResourceBuilder<ProjectResource> WithEnvironment(this IResourceBuilder<ProjectResource> project, string name, string value)
    {
        project.Resource.Environment[name] = value;
        return project;
    }
}
