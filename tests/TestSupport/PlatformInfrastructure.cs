using Npgsql;
using PropertyPlatform.AppHost.Hosting;

namespace PropertyPlatform.TestSupport;

/// <summary>
/// Real PostgreSQL and/or RabbitMQ for a test assembly or class, started from the AppHost's resource model on free
/// ports in a throwaway state folder (installed from Debian's packages first if the machine lacks them).
/// <c>ConnectionStrings__postgres</c> / <c>ConnectionStrings__messaging</c> in the environment use existing servers.
/// </summary>
public sealed class PlatformInfrastructure : IAsyncDisposable
{
    private readonly DistributedApplication _app;
    private readonly DirectoryInfo _state;

    private PlatformInfrastructure(DistributedApplication app, DirectoryInfo state, bool postgres, bool rabbitMq)
    {
        _app = app;
        _state = state;
        PostgresConnectionString = postgres ? app.GetConnectionString("postgres") : null;
        RabbitMqConnectionString = rabbitMq ? app.GetConnectionString("messaging") : null;
    }

    public string? PostgresConnectionString { get; }

    public string? RabbitMqConnectionString { get; }

    public static async Task<PlatformInfrastructure> StartAsync(bool postgres, bool rabbitMq)
    {
        var state = TestState.CreateDirectory("infrastructure");
        var builder = DistributedApplication.CreateBuilder(TestState.Options(state.FullName));
        if (postgres)
        {
            builder.AddPostgres("postgres");
        }

        if (rabbitMq)
        {
            builder.AddRabbitMQ("messaging");
        }

        var app = builder.Build();
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return new PlatformInfrastructure(app, state, postgres, rabbitMq);
    }

    /// <summary>Creates an empty database on the server and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "test")
    {
        var server = PostgresConnectionString ?? throw new InvalidOperationException("This infrastructure has no PostgreSQL.");
        var name = $"{prefix}_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(server))
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
