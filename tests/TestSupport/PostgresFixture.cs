using Xunit;

namespace PropertyPlatform.TestSupport;

/// <summary>A real PostgreSQL server for a test class, and a throwaway database per test on it.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private PlatformInfrastructure? _infrastructure;

    public async ValueTask InitializeAsync() =>
        _infrastructure = await PlatformInfrastructure.StartAsync(postgres: true, rabbitMq: false);

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public Task<string> CreateDatabaseAsync(string prefix = "test") =>
        (_infrastructure ?? throw new InvalidOperationException("Not started.")).CreateDatabaseAsync(prefix);

    public async ValueTask DisposeAsync()
    {
        if (_infrastructure is not null)
        {
            await _infrastructure.DisposeAsync();
        }
    }
}
