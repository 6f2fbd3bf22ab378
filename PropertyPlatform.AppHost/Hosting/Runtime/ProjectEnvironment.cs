namespace PropertyPlatform.AppHost.Hosting;

/// <summary>
/// The environment a project receives, exactly as an Aspire AppHost writes it: Kestrel endpoints, connection strings,
/// service discovery entries, environment name and telemetry settings.
/// </summary>
internal static class ProjectEnvironment
{
    /// <summary>Inherited variables that would fight the Kestrel endpoints we set.</summary>
    public static readonly string[] Removed = ["ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "DOTNET_URLS"];

    public static Dictionary<string, string> Build(ProjectResource project, RunContext context)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_ENVIRONMENT"] = context.Options.EnvironmentName,
            ["DOTNET_ENVIRONMENT"] = context.Options.EnvironmentName,
            ["OTEL_SERVICE_NAME"] = project.Name,
        };

        foreach (var endpoint in project.Endpoints)
        {
            var host = endpoint.IsExternal ? "0.0.0.0" : "127.0.0.1";
            environment[$"Kestrel__Endpoints__{endpoint.Name}__Url"] = $"{endpoint.Scheme}://{host}:{endpoint.Port}";
            if (endpoint.Http2Only)
            {
                environment[$"Kestrel__Endpoints__{endpoint.Name}__Protocols"] = "Http2";
            }
        }

        foreach (var reference in project.References)
        {
            AddReference(environment, reference);
        }

        foreach (var (name, value) in context.TelemetryEnvironment)
        {
            environment[name] = value;
        }

        foreach (var (name, value) in project.Environment)
        {
            environment[name] = value;
        }

        return environment;
    }

    private static void AddReference(Dictionary<string, string> environment, Resource reference)
    {
        if (reference is IResourceWithConnectionString withConnectionString)
        {
            environment[$"ConnectionStrings__{reference.Name}"] = withConnectionString.GetConnectionString();
        }

        if (reference is ProjectResource)
        {
            foreach (var endpoint in reference.Endpoints)
            {
                environment[$"services__{reference.Name}__{endpoint.Name}__0"] = endpoint.UrlString;
            }
        }
    }
}
