using Npgsql;

namespace PropertyPlatform.TestSupport;

public sealed class PlatformInfrastructure : IAsyncDisposable
{
    public string? PostgresConnectionString { get; private set; }

    public string? RabbitMqConnectionString { get; private set; }

    public static Task<PlatformInfrastructure> StartAsync(bool postgres, bool rabbitMq) => Task.FromResult(new PlatformInfrastructure
    {
        PostgresConnectionString = Environment.GetEnvironmentVariable("ConnectionStrings__postgres"),
        RabbitMqConnectionString = Environment.GetEnvironmentVariable("ConnectionStrings__messaging"),
    });

    public async Task<string> CreateDatabaseAsync(string prefix = "test")
    {
        var name = $"{prefix}_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(PostgresConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(PostgresConnectionString) { Database = name }.ConnectionString;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
