namespace PropertyPlatform.AppHost.Hosting;

public static class PostgresBuilderExtensions
{
    /// <summary>A private PostgreSQL server; <c>ConnectionStrings:{name}</c> in configuration uses an existing one instead.</summary>
    public static IResourceBuilder<PostgresServerResource> AddPostgres(this IDistributedApplicationBuilder builder, string name, int? port = null)
    {
        var server = new PostgresServerResource(name);
        server.Endpoints.Add(new EndpointDefinition("tcp", "tcp") { RequestedPort = port });
        return builder.AddResource(server);
    }

    public static IResourceBuilder<PostgresDatabaseResource> AddDatabase(
        this IResourceBuilder<PostgresServerResource> server, string name, string? databaseName = null)
    {
        var database = new PostgresDatabaseResource(name, databaseName ?? name, server.Resource);
        server.Resource.Databases.Add(database);
        return server.ApplicationBuilder.AddResource(database);
    }
}
