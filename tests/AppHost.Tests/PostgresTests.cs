using Npgsql;

namespace PropertyPlatform.AppHost.Tests;

[Collection(InfrastructureCollection.Name)]
public sealed class PostgresTests(InfrastructureFixture fixture)
{
    private CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Database_resource_is_created_and_accepts_connections()
    {
        await using var connection = new NpgsqlConnection(fixture.App.GetConnectionString("orders-db"));
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand("SELECT current_database()", connection);

        (await command.ExecuteScalarAsync(Cancel)).Should().Be("orders");
        fixture.App.GetResource("orders-db").IsHealthy.Should().BeTrue();
        fixture.App.GetConnectionString("orders-db").Should().MatchRegex("^Host=127.0.0.1;Port=[0-9]+;Database=orders;Username=postgres;Password=.+$");
    }

    [Fact]
    public async Task Stop_and_start_keep_the_data()
    {
        var connectionString = fixture.App.GetConnectionString("orders-db");
        await ExecuteAsync(connectionString, "CREATE TABLE IF NOT EXISTS kept (id int); INSERT INTO kept VALUES (42);");
        var port = fixture.App.GetEndpoint("postgres", "tcp").Port;

        await fixture.App.StopResourceAsync("postgres");
        fixture.App.GetResource("postgres").State.Should().Be(Hosting.ResourceState.Stopped);
        NpgsqlConnection.ClearAllPools();
        var whileStopped = () => ExecuteAsync(connectionString, "SELECT 1");
        await whileStopped.Should().ThrowAsync<NpgsqlException>();

        await fixture.App.StartResourceAsync("postgres", Cancel);

        fixture.App.GetEndpoint("postgres", "tcp").Port.Should().Be(port);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM kept WHERE id = 42", connection);
        ((long)(await command.ExecuteScalarAsync(Cancel))!).Should().BeGreaterThanOrEqualTo(1);
    }

    private async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Cancel);
    }
}
