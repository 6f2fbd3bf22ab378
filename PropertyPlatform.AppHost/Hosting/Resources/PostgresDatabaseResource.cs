namespace PropertyPlatform.AppHost.Hosting;

/// <summary>A database on a PostgreSQL server, created on start when missing.</summary>
public sealed class PostgresDatabaseResource(string name, string databaseName, PostgresServerResource server)
    : Resource(name), IResourceWithConnectionString
{
    public override string Type => "Database";

    public string DatabaseName { get; } = databaseName;

    public PostgresServerResource Server { get; } = server;

    public override IEnumerable<Resource> Parents => [Server];

    public string GetConnectionString() => Server.GetConnectionString(DatabaseName);
}
