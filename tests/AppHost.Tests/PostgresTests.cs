using Npgsql;
using PropertyPlatform.AppHost.Hosting;

namespace PropertyPlatform.AppHost.Tests;

[Collection(SharedInfrastructure.Name)]
public sealed class PostgresTests(InfrastructureFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Database_resource_is_created_and_accepts_connections()
    {
        await using var connection = new NpgsqlConnection(fixture.App.GetConnectionString("orders-db"));
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand("SELECT current_database()", connection);

        (await command.ExecuteScalarAsync(Cancel)).Should().Be("orders");
        // Another test of the collection may have just restarted the server; the database follows within a moment.
        await fixture.App.WaitForResourceHealthyAsync("orders-db", Cancel).WaitAsync(TimeSpan.FromSeconds(10), Cancel);
        fixture.App.GetConnectionString("orders-db").Should().MatchRegex("^Host=127.0.0.1;Port=[0-9]+;Database=orders;Username=postgres;Password=.+$");
    }

    [Fact]
    public async Task Stop_and_start_keep_the_data()
    {
        var connectionString = fixture.App.GetConnectionString("orders-db");
        await ExecuteAsync(connectionString, "CREATE TABLE IF NOT EXISTS kept (id int); INSERT INTO kept VALUES (42);");
        var port = fixture.App.GetEndpoint("postgres", "tcp").Port;

        await fixture.App.StopResourceAsync("postgres");
        fixture.App.GetResource("postgres").State.Should().Be(ResourceState.Stopped);
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

    [Fact]
    public async Task Killed_server_is_started_again_and_recovers()
    {
        var connectionString = fixture.App.GetConnectionString("orders-db");
        await ExecuteAsync(connectionString, "CREATE TABLE IF NOT EXISTS crash_safe (id int); INSERT INTO crash_safe VALUES (7);");

        await fixture.App.KillResourceAsync("postgres");
        fixture.App.GetResource("postgres").State.Should().Be(ResourceState.Exited);
        await fixture.App.StartResourceAsync("postgres", Cancel);
        NpgsqlConnection.ClearAllPools();

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM crash_safe WHERE id = 7", connection);
        ((long)(await command.ExecuteScalarAsync(Cancel))!).Should().BeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task Existing_server_from_configuration_gets_missing_databases_and_nothing_is_started()
    {
        using var state = new TestState();
        var options = state.CreateOptions();
        options.DashboardEnabled = false;
        options.Args = ["--ConnectionStrings:postgres=" + fixture.App.GetConnectionString("postgres")];
        var builder = DistributedApplication.CreateBuilder(options);
        builder.AddPostgres("postgres").AddDatabase("extra-db", "extra");
        await using var app = builder.Build();

        await app.StartAsync(Cancel);

        app.GetResource("postgres").Pid.Should().BeNull();
        Directory.Exists(Path.Combine(state.Path, "postgres")).Should().BeFalse();
        await using var connection = new NpgsqlConnection(app.GetConnectionString("extra-db"));
        await connection.OpenAsync(Cancel);
        connection.Port.Should().Be(fixture.App.GetEndpoint("postgres", "tcp").Port);
        connection.Database.Should().Be("extra");
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Cancel);
    }
}
