using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Npgsql;
using PropertyPlatform.ServiceDefaults.Auditing;
using PropertyPlatform.ServiceDefaults.Messaging;

namespace PropertyPlatform.ServiceDefaults.Data;

/// <summary>
/// A service's database: the DbContext from <c>ConnectionStrings:&lt;name&gt;</c> with snake_case names, the audit and
/// the audit interceptor and migrations before serving; Aspire.Npgsql.EntityFrameworkCore.PostgreSQL enriches it with
/// transient-fault retry, a health check, Npgsql tracing and metrics.
/// </summary>
public static class DatabaseExtensions
{
    /// <summary>The tags of the database's health check (readiness: <c>/health</c> reports every check).</summary>
    public static readonly string[] HealthCheckTags = ["ready", "db"];

    /// <summary>
    /// The most connections one service holds (Npgsql's default is 100). The services share one PostgreSQL server, and
    /// under a burst (a registry import's events reaching every consumer, a load test) their idle pools together outgrew
    /// the server's limit: the server refused new connections to everyone. Past this, a service's requests wait their
    /// turn for a connection instead. A connection string that sets its own maximum keeps it.
    /// </summary>
    public const int MaxPoolSize = 30;

    public static IHostApplicationBuilder AddServiceDatabase<TDbContext>(this IHostApplicationBuilder builder, string connectionName)
        where TDbContext : DbContext, IOutboxDbContext
    {
        var configured = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException(
                $"Connection string '{connectionName}' is missing: set ConnectionStrings__{connectionName} (the AppHost does this).");
        // No service leaves state on a pooled connection (its advisory locks are transaction-scoped, the outbox listener
        // holds an unpooled connection of its own), so a connection taken from the pool needs no reset: Npgsql's reset is a
        // DISCARD ALL sent on every checkout, one more statement and commit for each request, consumed event and poll.
        // Not Npgsql's auto-prepare (Max Auto Prepare): it took PostgreSQL's planning per repair intake from 2.5 ms to none in
        // the benchmark, but a statement that failed and rolled back (the inbox's duplicate key on a redelivery) left its
        // prepared twin corrupt on that connection, and a later save failed with "Received unexpected backend message
        // DataRow" (npgsql/npgsql#6391, open). Saves prepare their statements explicitly instead (SaveStatementPreparer).
        var settings = new NpgsqlConnectionStringBuilder(configured) { NoResetOnClose = true };
        if (!SetsPoolSize(configured))
        {
            settings.MaxPoolSize = MaxPoolSize;
        }

        var connectionString = settings.ConnectionString;

        // Not AddNpgsqlDbContext: it pools contexts, and ours are per request (the caller's EstateScope is injected). The
        // options are built once (the default builds them again for every request, event and poll, and EF then compares
        // them with the ones it has cached); everything they hold is a singleton.
        builder.Services.AddDbContext<TDbContext>(
            (services, options) => options
                .UseNpgsql(connectionString)
                .UseSnakeCaseNamingConvention()
                .AddInterceptors(services.GetRequiredService<AuditInterceptor>(), services.GetRequiredService<SaveStatementPreparer>()),
            optionsLifetime: ServiceLifetime.Singleton);
        builder.EnrichNpgsqlDbContext<TDbContext>();
        builder.Services.Configure<HealthCheckServiceOptions>(options =>
        {
            // Aspire names the check after the DbContext and gives it no tags.
            foreach (var check in options.Registrations.Where(r => r.Name == typeof(TDbContext).Name))
            {
                check.Tags.UnionWith(HealthCheckTags);
            }
        });

        builder.Services.AddHttpContextAccessor();
        builder.Services.TryAddSingleton<AuditInterceptor>();
        builder.Services.TryAddSingleton<SaveStatementPreparer>();
        builder.Services.AddScoped(services => new AuditTrail(services.GetRequiredService<TDbContext>()));
        builder.Services.AddHostedService<DatabaseMigrator<TDbContext>>();
        builder.Services.AddOutbox<TDbContext>();
        builder.Services.Configure<OutboxOptions>(builder.Configuration.GetSection(OutboxOptions.ConfigurationSection));
        return builder;
    }

    private static bool SetsPoolSize(string connectionString) =>
        connectionString.Split(';').Select(part => part.Split('=')[0].Replace(" ", "", StringComparison.Ordinal).Trim())
            .Any(key => key.Equals("MaximumPoolSize", StringComparison.OrdinalIgnoreCase) || key.Equals("MaxPoolSize", StringComparison.OrdinalIgnoreCase));
}
