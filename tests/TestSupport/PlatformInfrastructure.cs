using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Npgsql;

namespace PropertyPlatform.TestSupport;

/// <summary>
/// Real PostgreSQL and/or RabbitMQ for a test assembly or class: the AppHost's own model with only its two servers
/// (<c>AppHost:InfrastructureOnly</c>), started with Aspire.Hosting.Testing in a throwaway state folder, installed
/// from Debian's packages first if the machine lacks them.
/// </summary>
public sealed class PlatformInfrastructure : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);
    private readonly DistributedApplication _app;
    private readonly DirectoryInfo _state;

    private PlatformInfrastructure(DistributedApplication app, DirectoryInfo state, string? postgres, string? rabbitMq)
    {
        _app = app;
        _state = state;
        PostgresConnectionString = postgres;
        RabbitMqConnectionString = rabbitMq;
    }

    public string? PostgresConnectionString { get; }

    public string? RabbitMqConnectionString { get; }

    public static async Task<PlatformInfrastructure> StartAsync(bool postgres, bool rabbitMq)
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        var state = TestState.CreateDirectory("infrastructure");
        var builder = await AppHostTesting.CreateBuilderAsync(state, timeout.Token, AppHostTesting.InfrastructureOnly);
        // The two servers are independent: drop the one this test does not need (and what belongs to it).
        foreach (var (wanted, name) in new[] { (postgres, "postgres"), (rabbitMq, "messaging") })
        {
            if (!wanted)
            {
                foreach (var resource in builder.Resources.Where(r => r.Name == name || r.Name.StartsWith(name + "-", StringComparison.Ordinal)).ToList())
                {
                    builder.Resources.Remove(resource);
                }
            }
        }

        var app = await builder.BuildAsync(timeout.Token);
        try
        {
            await app.StartAsync(timeout.Token);
            string? postgresConnection = null, rabbitConnection = null;
            if (postgres)
            {
                await app.ResourceNotifications.WaitForResourceHealthyAsync("postgres", timeout.Token);
                postgresConnection = await app.GetConnectionStringAsync("postgres", timeout.Token);
            }

            if (rabbitMq)
            {
                await app.ResourceNotifications.WaitForResourceHealthyAsync("messaging", timeout.Token);
                rabbitConnection = await app.GetConnectionStringAsync("messaging", timeout.Token);
            }

            return new PlatformInfrastructure(app, state, postgresConnection, rabbitConnection);
        }
        catch
        {
            await app.DisposeAsync();
            TestState.Delete(state);
            throw;
        }
    }

    /// <summary>Creates an empty database on the server and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "test")
    {
        var server = PostgresConnectionString ?? throw new InvalidOperationException("This infrastructure has no PostgreSQL.");
        var name = $"{prefix}_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        TestState.Delete(_state);
    }
}
