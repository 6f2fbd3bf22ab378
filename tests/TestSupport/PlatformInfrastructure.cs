using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Npgsql;
using PropertyPlatform.AppHost;

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

    private PlatformInfrastructure(DistributedApplication app, DirectoryInfo state, string? postgres, string? rabbitMq, string? mail, Uri? mailInbox)
    {
        _app = app;
        _state = state;
        PostgresConnectionString = postgres;
        RabbitMqConnectionString = rabbitMq;
        MailConnectionString = mail;
        MailInbox = mailInbox;
    }

    public string? PostgresConnectionString { get; }

    public string? RabbitMqConnectionString { get; }

    /// <summary>The mail catcher's SMTP server, as <c>ConnectionStrings:mail</c> (when asked for).</summary>
    public string? MailConnectionString { get; }

    /// <summary>The mail catcher's web inbox and API (when asked for).</summary>
    public Uri? MailInbox { get; }

    public static async Task<PlatformInfrastructure> StartAsync(bool postgres, bool rabbitMq, bool mail = false)
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        var state = TestState.CreateDirectory("infrastructure");
        var builder = await AppHostTesting.CreateBuilderAsync(state, timeout.Token, AppHostTesting.InfrastructureOnly);
        // The servers are independent: drop those this test does not need (and what belongs to them).
        foreach (var (wanted, name) in new[] { (postgres, "postgres"), (rabbitMq, "messaging"), (mail, PlatformModel.MailConnectionName) })
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

            string? mailConnection = null;
            Uri? mailInbox = null;
            if (mail)
            {
                await app.ResourceNotifications.WaitForResourceHealthyAsync(PlatformModel.MailConnectionName, timeout.Token);
                mailConnection = await app.GetConnectionStringAsync(PlatformModel.MailConnectionName, timeout.Token);
                mailInbox = app.GetEndpoint(PlatformModel.MailConnectionName, "http");
            }

            return new PlatformInfrastructure(app, state, postgresConnection, rabbitConnection, mailConnection, mailInbox);
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
