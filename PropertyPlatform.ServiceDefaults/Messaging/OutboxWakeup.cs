using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace PropertyPlatform.ServiceDefaults.Messaging;

/// <summary>
/// Wakes the outbox dispatcher the moment any process commits an outbox row, so a quiet service need not poll its
/// outbox and a busy one never waits for a poll: a statement trigger on the outbox table sends PostgreSQL's
/// <c>NOTIFY</c> on <see cref="Channel"/>, which is delivered when (and only if) the writing transaction commits, and
/// <see cref="OutboxListener{TDbContext}"/> turns it into an <see cref="OutboxSignal"/>. Every replica's dispatcher hears
/// every replica's commits. The dispatcher's poll stays as the safety net for a notification missed while the
/// listening connection was down.
/// </summary>
public static class OutboxWakeup
{
    public const string Channel = "outbox_messages";

    // Replicas starting together replace the function one after the other: concurrent replacements of one function fail.
    private static readonly long LockKey = 0x5050_5741_4B45_5550; // "PPWAKEUP"

    /// <summary>
    /// Creates the trigger when missing. The outbox table is ServiceDefaults' (every service maps it with
    /// <c>AddOutboxAndInbox</c>), so its trigger is ensured here, after the migrations, rather than in each service's
    /// migrations where a new service could forget it.
    /// </summary>
    public static async Task EnsureTriggerAsync(DbContext db, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockKey})", ct);
            await db.Database.ExecuteSqlRawAsync(
                $"""
                CREATE OR REPLACE FUNCTION outbox_messages_wakeup() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('{Channel}', '');
                    RETURN NULL;
                END $$;
                CREATE OR REPLACE TRIGGER outbox_messages_wakeup AFTER INSERT ON outbox_messages
                    FOR EACH STATEMENT EXECUTE FUNCTION outbox_messages_wakeup();
                """,
                ct);
            await transaction.CommitAsync(ct);
        }, cancellationToken);
    }
}

/// <summary>
/// Listens on <see cref="OutboxWakeup.Channel"/> over one dedicated connection to the service's database and signals
/// the dispatcher on each notification; after (re)connecting it signals once, for anything committed while it was not
/// listening. A broken connection is noticed by TCP keepalives and reopened with back-off.
/// </summary>
public sealed class OutboxListener<TDbContext>(
    IServiceScopeFactory scopes,
    OutboxSignal signal,
    TimeProvider time,
    ILogger<OutboxListener<TDbContext>> logger) : BackgroundService
    where TDbContext : DbContext, IOutboxDbContext
{
    private static readonly TimeSpan MaxReconnectDelay = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var connectionString = await ListenerConnectionStringAsync();
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                connection.Notification += (_, _) => signal.Notify();
                await connection.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {OutboxWakeup.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                failures = 0;
                signal.Notify();
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or IOException)
            {
                failures++;
                var delay = TimeSpan.FromMilliseconds(Math.Min(500 * Math.Pow(2, failures - 1), MaxReconnectDelay.TotalMilliseconds));
                logger.LogWarning("Listening for outbox commits on {DbContext} failed ({Message}); retrying in {Delay}", typeof(TDbContext).Name, ex.Message, delay);
                await Task.Delay(delay, time, stoppingToken);
            }
        }
    }

    /// <summary>The DbContext's connection string, unpooled (the connection is held for the life of the service) and with keepalives.</summary>
    private async Task<string> ListenerConnectionStringAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        return new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString())
        {
            Pooling = false,
            KeepAlive = 15,
            ApplicationName = $"{typeof(TDbContext).Name} outbox listener",
        }.ConnectionString;
    }
}
