namespace PropertyPlatform.AppHost.Hosting;

/// <summary>
/// Debian's PostgreSQL 15 as an executable resource: a private server whose data lives in the state folder, run as
/// the <c>postgres</c> user, listening on loopback only on the port the orchestrator gives it (<c>PGPORT</c>).
/// </summary>
public sealed class PostgresServerResource(string name, string instanceDirectory, ParameterResource password)
    : ExecutableResource(name, "/bin/sh", instanceDirectory), IResourceWithConnectionString
{
    public const string UserName = "postgres";
    public const string PrimaryEndpointName = "tcp";

    private readonly List<PostgresDatabaseResource> _databases = [];

    public string InstanceDirectory => WorkingDirectory;

    public string DataDirectory => Path.Combine(InstanceDirectory, "data");

    public ParameterResource PasswordParameter { get; } = password;

    public EndpointReference PrimaryEndpoint => field ??= new(this, PrimaryEndpointName);

    /// <summary>The databases of this server, created on it whenever it becomes ready.</summary>
    public IReadOnlyList<PostgresDatabaseResource> Databases => _databases;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={PrimaryEndpoint.Property(EndpointProperty.Host)};Port={PrimaryEndpoint.Property(EndpointProperty.Port)};Username={UserName};Password={PasswordParameter}");

    /// <summary>Tests only: initdb and the server skip fsync (see <see cref="PostgresBuilderExtensions.WithFastStorage"/>).</summary>
    public bool FastStorage { get; internal set; }

    internal void AddDatabase(PostgresDatabaseResource database) => _databases.Add(database);
}

/// <summary>One service's database on a <see cref="PostgresServerResource"/>.</summary>
public sealed class PostgresDatabaseResource(string name, string databaseName, PostgresServerResource parent)
    : Resource(name), IResourceWithParent<PostgresServerResource>, IResourceWithConnectionString
{
    public PostgresServerResource Parent { get; } = parent;

    public string DatabaseName { get; } = databaseName;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{Parent};Database={DatabaseName}");
}
