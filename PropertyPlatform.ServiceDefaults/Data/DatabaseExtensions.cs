using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PropertyPlatform.ServiceDefaults.Auditing;
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
            .AddInterceptors(services.GetRequiredService<OutboxSignalInterceptor>(), services.GetRequiredService<AuditInterceptor>()));
        builder.Services.AddHttpContextAccessor();
        builder.Services.TryAddSingleton<AuditInterceptor>();
        builder.Services.AddScoped(services => new AuditTrail(services.GetRequiredService<TDbContext>()));

        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck<TDbContext>>(connectionName, tags: ["ready", "db"]);
        builder.Services.AddHostedService<DatabaseMigrator<TDbContext>>();
        builder.Services.AddOutbox<TDbContext>();
        return builder;
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
