using Npgsql;

namespace PropertyPlatform.AppHost.Hosting;

/// <summary>Creates the database on its server when it is missing; healthy while the server is.</summary>
internal sealed class DatabaseRunner(PostgresDatabaseResource database, ResourceRunner serverRunner, RunContext context)
    : ResourceRunner(database, context)
{
    private const string DuplicateDatabase = "42P04";
    private bool stopped;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        stopped = false;
        SetState(ResourceState.Starting);
        await serverRunner.WaitForHealthyAsync(cancellationToken);
        var connectionString = new NpgsqlConnectionStringBuilder(database.Server.GetConnectionString("postgres")) { Pooling = false }.ConnectionString;
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
            exists.Parameters.AddWithValue("name", database.DatabaseName);
            if (await exists.ExecuteScalarAsync(cancellationToken) is null)
            {
                try
                {
                    // Identifiers cannot be parameters; the name is quoted with embedded quotes doubled.
                    var quoted = "\"" + database.DatabaseName.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
                    await using var create = new NpgsqlCommand("CREATE DATABASE " + quoted, connection);
                    await create.ExecuteNonQueryAsync(cancellationToken);
                    Report($"created database {database.DatabaseName}");
                }
                catch (PostgresException exception) when (exception.SqlState == DuplicateDatabase)
                {
                    // Created meanwhile by someone else: fine.
                }
            }
        }

        SetState(ResourceState.Running, ResourceSnapshot.Healthy);
        _ = FollowServerAsync();
    }

    public override Task StopAsync()
    {
        stopped = true;
        SetState(ResourceState.Stopped);
        return Task.CompletedTask;
    }

    public override Task KillAsync() => serverRunner.KillAsync();

    protected override IEnumerable<EndpointSnapshot> GetDisplayEndpoints() => [];

    /// <summary>A database is only as healthy as its server: mirror the server's health until stopped.</summary>
    private async Task FollowServerAsync()
    {
        while (!stopped)
        {
            await Task.Delay(500);
            if (stopped)
            {
                break;
            }

            SetState(serverRunner.IsHealthy ? ResourceState.Running : ResourceState.Unhealthy,
                serverRunner.IsHealthy ? ResourceSnapshot.Healthy : ResourceSnapshot.Unhealthy);
        }
    }
}
