using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using PropertyPlatform.ServiceDefaults.Hosting;
using PropertyPlatform.ServiceDefaults.Messaging;

namespace PropertyPlatform.ServiceDefaults.Data;

/// <summary>
/// Applies pending migrations before the service serves: <see cref="StartingAsync"/> runs before any hosted
/// service starts, the web server and the outbox dispatcher included, so nothing ever runs against an old schema; then
/// the outbox's wake-up trigger (<see cref="OutboxWakeup"/>).
/// Waits for the database server while it is still starting.
/// </summary>
internal sealed class DatabaseMigrator<TDbContext>(IServiceScopeFactory scopes, ILogger<DatabaseMigrator<TDbContext>> logger)
    : BeforeServingTask
    where TDbContext : DbContext, IOutboxDbContext
{
    private static readonly TimeSpan WaitForServer = TimeSpan.FromMinutes(2);

    public override async Task StartingAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + WaitForServer;
        while (true)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
                await db.Database.MigrateAsync(cancellationToken);
                await OutboxWakeup.EnsureTriggerAsync(db, cancellationToken);
                logger.LogInformation("Database of {DbContext} is up to date", typeof(TDbContext).Name);
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
