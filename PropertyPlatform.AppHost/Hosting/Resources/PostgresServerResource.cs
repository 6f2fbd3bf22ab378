using Npgsql;

namespace PropertyPlatform.AppHost.Hosting;

/// <summary>A private PostgreSQL 15 server, or an existing one given as <c>ConnectionStrings:{name}</c>.</summary>
public sealed class PostgresServerResource(string name) : Resource(name), IResourceWithConnectionString
{
    public const string UserName = "postgres";

    public override string Type => "PostgreSQL";

    public IList<PostgresDatabaseResource> Databases { get; } = [];

    /// <summary>Generated once per state folder and kept there, so data survives restarts.</summary>
    public string Password { get; internal set; } = "";

    /// <summary>Set when configuration names an existing server: nothing is started then.</summary>
    public string? ExternalConnectionString { get; internal set; }

    public bool IsExternal => ExternalConnectionString is not null;

    public string GetConnectionString() => GetConnectionString(databaseName: null);

    public string GetConnectionString(string? databaseName)
    {
        if (ExternalConnectionString is { } external)
        {
            var builder = new NpgsqlConnectionStringBuilder(external);
            if (databaseName is not null)
            {
                builder.Database = databaseName;
            }

            return builder.ConnectionString;
        }

        // Written by hand to keep Aspire's order: Host, Port, Database, Username, Password.
        var database = databaseName is null ? "" : $"Database={databaseName};";
        return $"Host=127.0.0.1;Port={GetEndpoint("tcp").Port};{database}Username={UserName};Password={Password}";
    }
}
