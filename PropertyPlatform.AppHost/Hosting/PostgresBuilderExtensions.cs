using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace PropertyPlatform.AppHost.Hosting;

/// <summary>
/// PostgreSQL without a container runtime, shaped like Aspire's <c>AddPostgres</c>/<c>AddDatabase</c>: an init
/// resource runs <c>initdb</c> once (visible on the dashboard, Finished when done), the server waits for it, a health
/// check decides <c>WaitFor</c>, and each database is created when the server becomes ready.
/// </summary>
public static class PostgresBuilderExtensions
{
    private const string Postmaster = PackageAcquirer.PostgresBinDirectory + "/postgres";
    private const string InitDb = PackageAcquirer.PostgresBinDirectory + "/initdb";

    /// <summary>
    /// One server holds every service's database, so it must take every service's whole connection pool at once
    /// (ServiceDefaults' <c>DatabaseExtensions.MaxPoolSize</c> each) and still leave room for
    /// tools, tests and the benchmark's clients. PostgreSQL's default of 100 was reached under load ("sorry, too many
    /// clients already"), failing consumers and health checks. A connection slot costs a few kilobytes of shared memory.
    /// </summary>
    public const int MaxConnections = 400;

    /// <summary>
    /// Runs the server as the postgres user (it refuses root) and turns the orchestrator's SIGTERM into PostgreSQL's
    /// fast shutdown (SIGINT): SIGTERM alone is "smart" and would wait for every pooled client connection to close.
    /// </summary>
    private const string ServerScript = """
        "$@" &
        pid=$!
        trap 'kill -INT "$pid" 2>/dev/null' TERM INT
        status=0
        while kill -0 "$pid" 2>/dev/null; do wait "$pid"; status=$?; done
        exit "$status"
        """;

    public static IResourceBuilder<PostgresServerResource> AddPostgres(this IDistributedApplicationBuilder builder, string name, StateFolder state)
    {
        var password = builder.AddParameter($"{name}-password", state.Password(name), secret: true);
        var server = new PostgresServerResource(name, state.For(name), password.Resource);
        var port = FreePorts.Next();

        var init = builder.AddExecutable($"{name}-init", "/bin/sh", server.InstanceDirectory)
            .WithArgs(context =>
            {
                context.Args.Add("-c");
                context.Args.Add(InitScript(server));
            })
            .WithEnvironment("POSTGRES_PASSWORD", password)
            .WithParentRelationship(server);

        var connectionString = builder.CaptureConnectionString(server);
        builder.Eventing.Subscribe<ResourceReadyEvent>(server, async (@event, ct) =>
        {
            await CreateDatabasesAsync(server, connectionString(), @event.Services, ct);
            await ChildResourceStates.PublishAsync(server.Databases, @event.Services, KnownResourceStates.Running);
        });
        builder.Eventing.Subscribe<ResourceStoppedEvent>(server, async (@event, _) =>
            await ChildResourceStates.PublishAsync(server.Databases, @event.Services, KnownResourceStates.Exited));
        builder.Services.AddHealthChecks().AddNpgSql(_ => ServerConnectionString(connectionString()), name: $"{name}_check");
        PackageInstallation.Require(builder);
        if (PackageAcquirer.IsRoot && builder.ExecutionContext.IsRunMode)
        {
            // After the packages are installed: they create the postgres user.
            builder.Eventing.Subscribe<BeforeStartEvent>(async (_, ct) =>
                await StateFolder.EnsureEnterableAsync(server.InstanceDirectory, "postgres", ct));
        }

        return builder.AddResource(server)
            // Not proxied: every query would cross the orchestrator's TCP proxy, a hop that cost about as much CPU as
            // PostgreSQL itself in the benchmark, and one more process between a service and its data when the machine is
            // loaded. The server listens on a port picked here, the same across its restarts.
            .WithEndpoint(name: PostgresServerResource.PrimaryEndpointName, scheme: "tcp", port: port, targetPort: port, isProxied: false, env: "PGPORT")
            .WithArgs(context =>
            {
                context.Args.Add("-c");
                context.Args.Add(ServerScript);
                context.Args.Add("postgres");
                foreach (var argument in AsPostgresUser([
                    Postmaster, "-D", server.DataDirectory,
                    "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=" + server.InstanceDirectory,
                    "-c", string.Create(CultureInfo.InvariantCulture, $"max_connections={MaxConnections}"),
                    // A statement waiting longer than deadlock_timeout (1 s) for a lock is logged with who holds it: the
                    // first thing to know when requests or a start hang on the database.
                    "-c", "log_lock_waits=on"]))
                {
                    context.Args.Add(argument);
                }
            })
            .WithIconName("DatabaseMultiple")
            .WaitForCompletion(init)
            .WithHealthCheck($"{name}_check");
    }

    /// <summary>
    /// For tests: no fsync and no full-page writes (only an OS crash could lose data). Commits stay synchronous, so a
    /// SIGKILL in a fault test never loses what a client was told had succeeded.
    /// </summary>
    public static IResourceBuilder<PostgresServerResource> WithFastStorage(this IResourceBuilder<PostgresServerResource> builder)
    {
        builder.Resource.FastStorage = true;
        return builder.WithArgs("-c", "fsync=off", "-c", "full_page_writes=off");
    }

    public static IResourceBuilder<PostgresDatabaseResource> AddDatabase(this IResourceBuilder<PostgresServerResource> builder, string name, string? databaseName = null)
    {
        databaseName ??= name;
        var database = new PostgresDatabaseResource(name, databaseName, builder.Resource);
        builder.Resource.AddDatabase(database);

        var connectionString = builder.ApplicationBuilder.CaptureConnectionString(database);
        builder.ApplicationBuilder.Services.AddHealthChecks().AddNpgSql(_ => connectionString(), name: $"{name}_check");

        return builder.ApplicationBuilder.AddResource(database)
            .WithInitialState(new CustomResourceSnapshot { ResourceType = "PostgresDatabase", State = KnownResourceStates.NotStarted, Properties = [] })
            .WithIconName("Database")
            .WithHealthCheck($"{name}_check");
    }

    /// <summary>initdb into an empty data folder; a folder that already holds a cluster is kept as it is.</summary>
    private static string InitScript(PostgresServerResource server)
    {
        string[] initdb =
        [
            InitDb, "-D", server.DataDirectory, "-U", PostgresServerResource.UserName, "--pwfile=initdb.pw",
            "-A", "scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", .. server.FastStorage ? ["--no-sync"] : Array.Empty<string>(),
        ];
        // As root, the folder and the password file go to the postgres user, who runs initdb and the server.
        var chown = PackageAcquirer.IsRoot ? "chown postgres:postgres" : "true";
        return $"""
            set -e
            {chown} .
            if [ -f data/PG_VERSION ]; then echo "data folder $PWD/data holds a cluster: nothing to initialise"; exit 0; fi
            rm -rf data
            trap 'rm -f initdb.pw' EXIT
            (umask 077; printf '%s' "$POSTGRES_PASSWORD" > initdb.pw)
            {chown} initdb.pw
            {string.Join(' ', AsPostgresUser(initdb).Select(Quote))}
            """;
    }

    private static string[] AsPostgresUser(string[] command) =>
        PackageAcquirer.IsRoot ? ["/usr/bin/setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--", .. command] : command;

    private static string Quote(string argument) => "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static string ServerConnectionString(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres" }.ConnectionString;

    private static async Task CreateDatabasesAsync(PostgresServerResource server, string connectionString, IServiceProvider services, CancellationToken cancellationToken)
    {
        var logger = services.GetRequiredService<ResourceLoggerService>().GetLogger(server);
        await using var connection = new NpgsqlConnection(ServerConnectionString(connectionString));
        await connection.OpenAsync(cancellationToken);
        foreach (var databaseName in server.Databases.Select(d => d.DatabaseName))
        {
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection) { Parameters = { new() { Value = databaseName } } };
            if (await exists.ExecuteScalarAsync(cancellationToken) is not null)
            {
                continue;
            }

            var quoted = new NpgsqlCommandBuilder().QuoteIdentifier(databaseName);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {quoted}", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
            logger.LogInformation("Created database {Database}", databaseName);
        }
    }
}
