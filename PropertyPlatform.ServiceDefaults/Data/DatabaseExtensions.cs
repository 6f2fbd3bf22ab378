using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using PropertyPlatform.ServiceDefaults.Messaging;

namespace PropertyPlatform.ServiceDefaults.Data;

/// <summary>
/// The wiring Aspire.Npgsql.EntityFrameworkCore.PostgreSQL would give: the DbContext from
/// <c>ConnectionStrings:&lt;name&gt;</c>, transient-fault retry, snake_case names, a readiness check,
/// tracing (Npgsql.OpenTelemetry, in <see cref="Microsoft.Extensions.Hosting.ServiceDefaultsExtensions"/>) and the outbox.
/// </summary>
public static class DatabaseExtensions
{
    public static IHostApplicationBuilder AddServiceDatabase<TDbContext>(this IHostApplicationBuilder builder, string connectionName)
        where TDbContext : DbContext, IOutboxDbContext
    {
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException(
                $"Connection string '{connectionName}' is missing: set ConnectionStrings__{connectionName} (the AppHost does this).");

        builder.Services.AddDbContext<TDbContext>((services, options) => options
            .UseNpgsql(connectionString, npgsql => npgsql.EnableRetryOnFailure(maxRetryCount: 6, maxRetryDelay: TimeSpan.FromSeconds(5), errorCodesToAdd: null))
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(services.GetRequiredService<OutboxSignalInterceptor>()));

        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck<TDbContext>>(connectionName, tags: ["ready", "db"]);
        builder.Services.AddOutbox<TDbContext>();
        return builder;
    }

    /// <summary>
    /// Applies pending migrations before the service serves (waiting for the server while it starts),
    /// so a service never answers against an old schema.
    /// </summary>
    public static async Task MigrateDatabaseAsync<TDbContext>(this IHost app, CancellationToken cancellationToken = default)
        where TDbContext : DbContext
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseExtensions));
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            try
            {
                await db.Database.MigrateAsync(cancellationToken);
                logger.LogInformation("Database for {DbContext} is migrated", typeof(TDbContext).Name);
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException && DateTime.UtcNow < deadline)
            {
                logger.LogWarning("Database not reachable yet ({Message}); retrying", ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }
}

internal sealed class DatabaseHealthCheck<TDbContext>(TDbContext db) : IHealthCheck where TDbContext : DbContext
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("Cannot connect to the database.");
        }
        catch (Exception ex)
        {
            return HealthCheckResult.Unhealthy("Cannot connect to the database.", ex);
        }
    }
}
