using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace PropertyPlatform.AppHost.Hosting;

/// <summary>
/// Everything the platform opens listens on loopback: PostgreSQL, RabbitMQ (AMQP, management, distribution, epmd),
/// every service, the orchestrator's proxies and the dashboard. <c>AppHost:ExposeToNetwork=true</c> opens the gateway,
/// the single public entry, on every interface, and only while no demo account with the password printed in the
/// README can sign in: demo data is seeded when the services run in Development, and what was seeded once stays in
/// the state folder's identity database.
/// </summary>
public static class NetworkExposure
{
    public const string Setting = "AppHost:ExposeToNetwork";

    /// <summary>
    /// identity's demo accounts (src/Identity/Seed/DemoSeeder.cs) and their password, as README.md publishes them.
    /// </summary>
    internal static readonly string[] DemoUserNames =
    [
        "admin", "manager.north", "supervisor.north", "supervisor.region", "clerk.north", "clerk.south", "cashier.north",
        "supervisor.maint", "tech.north", "guard.north", "security.north", "trainer.north", "13800001234", "13900005678",
    ];

    internal const string PublishedPassword = "Demo-Pass-2026";

    public static bool IsRequested(IConfiguration configuration) => configuration.GetValue(Setting, false);

    /// <summary>
    /// A fixed address outside the AppHost's model (the dashboard's) must be loopback unless exposing was chosen. Kestrel
    /// binds <c>+</c>, <c>*</c>, <c>0.0.0.0</c>, <c>[::]</c> and any host name but <c>localhost</c> to every interface.
    /// </summary>
    public static void EnsureLoopbackUnlessExposed(string url, string purpose, IConfiguration configuration)
    {
        var authority = url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..].Split('/')[0];
        var host = authority.StartsWith('[') ? authority[1..authority.IndexOf(']', StringComparison.Ordinal)] : authority.Split(':')[0];
        var loopback = string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
        if (!loopback && !IsRequested(configuration))
        {
            throw new DistributedApplicationException(
                $"{url} for {purpose} listens beyond loopback: use localhost, or set {Setting}=true to expose the platform on purpose.");
        }
    }

    /// <summary>
    /// Development seeds the demo accounts (identity's and reception's appsettings.Development.json): no exposing then.
    /// </summary>
    public static void RefuseWhileDemoDataIsSeeded(string environmentName)
    {
        if (string.Equals(environmentName, Environments.Development, StringComparison.OrdinalIgnoreCase))
        {
            throw new DistributedApplicationException(
                $"{Setting}=true is refused: the services run in {environmentName}, which seeds the demo accounts whose password " +
                "is published in README.md. Run with --AppHost:Environment=Production (and change or delete the demo accounts), or leave the gateway on loopback.");
        }
    }

    /// <summary>
    /// Opens <paramref name="gateway"/>'s <paramref name="endpointName"/> endpoint on every IPv4 interface, once
    /// <paramref name="identity"/> is healthy (migrated, and seeded if it seeds) and its database holds no demo account
    /// that still has the published password.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithEndpointExposedToNetwork(this IResourceBuilder<ProjectResource> gateway,
        string endpointName, IResourceBuilder<ProjectResource> identity, IResourceBuilder<PostgresDatabaseResource> identityDatabase)
    {
        gateway.WithEndpoint(endpointName, endpoint => endpoint.TargetHost = "0.0.0.0").WithExternalHttpEndpoints();
        var connectionString = gateway.ApplicationBuilder.CaptureConnectionString(identityDatabase.Resource);
        gateway.ApplicationBuilder.Eventing.Subscribe<BeforeResourceStartedEvent>(gateway.Resource, async (@event, ct) =>
        {
            // This may run before the gateway's own WaitFor: wait for identity's migration and seed explicitly.
            await @event.Services.GetRequiredService<ResourceNotificationService>().WaitForResourceHealthyAsync(identity.Resource.Name, ct);
            try
            {
                await RefuseWhileDemoAccountsHaveThePublishedPasswordAsync(connectionString(), ct);
            }
            catch (DistributedApplicationException refused)
            {
                // On the gateway's console in the dashboard too, not only in the AppHost's log.
                @event.Services.GetRequiredService<ResourceLoggerService>().GetLogger(gateway.Resource).LogError("{Refusal}", refused.Message);
                throw;
            }
        });
        return gateway;
    }

    public static async Task RefuseWhileDemoAccountsHaveThePublishedPasswordAsync(string identityConnectionString, CancellationToken cancellationToken)
    {
        var demoAccounts = await DemoAccountsWithPublishedPasswordAsync(identityConnectionString, cancellationToken);
        if (demoAccounts.Count > 0)
        {
            throw new DistributedApplicationException(
                $"{Setting}=true is refused: the demo accounts {string.Join(", ", demoAccounts)} still have the password published in README.md. " +
                "Change their passwords or delete them (identity's /api/identity/accounts), or leave the gateway on loopback.");
        }
    }

    private static async Task<IReadOnlyList<string>> DemoAccountsWithPublishedPasswordAsync(string identityConnectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(identityConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT user_name, password_hash FROM accounts WHERE normalized_user_name = ANY($1) AND password_hash IS NOT NULL ORDER BY user_name", connection)
        {
            Parameters = { new() { Value = DemoUserNames.Select(n => n.ToUpperInvariant()).ToArray() } },
        };
        var hasher = new PasswordHasher<object>();
        var found = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (hasher.VerifyHashedPassword(new object(), reader.GetString(1), PublishedPassword) != PasswordVerificationResult.Failed)
            {
                found.Add(reader.GetString(0));
            }
        }

        return found;
    }
}
