using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PropertyPlatform.ServiceDefaults.Messaging;

/// <summary>
/// Deletes sent outbox events and inbox records older than <see cref="OutboxOptions.Retention"/>: their payloads and
/// ids are personal data nobody needs once the event is delivered and its redeliveries are over. Events not sent yet,
/// parked ones included, are kept whatever their age.
/// </summary>
public sealed class OutboxRetention<TDbContext>(
    IServiceScopeFactory scopes,
    TimeProvider time,
    IOptions<OutboxOptions> options,
    ILogger<OutboxRetention<TDbContext>> logger) : BackgroundService
    where TDbContext : DbContext, IOutboxDbContext
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PruneInterval, time);
        do
        {
            try
            {
                await PruneAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Pruning the outbox and inbox of {DbContext} failed", typeof(TDbContext).Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Deletes what is past the retention; returns how many outbox and inbox rows went.</summary>
    public async Task<(int Outbox, int Inbox)> PruneAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var cutoff = time.GetUtcNow() - options.Value.Retention;
        var outbox = await db.OutboxMessages.Where(m => m.PublishedAt != null && m.PublishedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        var inbox = await db.InboxMessages.Where(m => m.ProcessedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        if (outbox + inbox > 0)
        {
            logger.LogInformation("Pruned {Outbox} sent events and {Inbox} inbox records of {DbContext} older than {Cutoff}",
                outbox, inbox, typeof(TDbContext).Name, cutoff);
        }

        return (outbox, inbox);
    }
}
