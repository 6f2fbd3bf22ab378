using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PropertyPlatform.ServiceDefaults.Messaging;

public sealed class OutboxOptions
{
    public int BatchSize { get; set; } = 100;

    /// <summary>How long to wait between looks when nothing signals new events.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one publish may wait for the broker before the event is retried later.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>
/// Publishes the outbox of <typeparamref name="TDbContext"/> in commit order and marks what the broker confirmed.
/// While the broker is away events stay in the table and go out when it returns. A crash between publish and
/// mark publishes an event twice at worst, never zero times; consumers' inboxes absorb the repeat.
/// </summary>
public sealed class OutboxDispatcher<TDbContext>(
    IServiceScopeFactory scopes,
    IIntegrationEventPublisher publisher,
    OutboxSignal signal,
    TimeProvider time,
    IOptions<OutboxOptions> options,
    ILogger<OutboxDispatcher<TDbContext>> logger) : BackgroundService
    where TDbContext : DbContext, IOutboxDbContext
{
    // One dispatcher per database at a time (across replicas) so events leave in the order they were committed.
    private static readonly long LockKey = 0x5050_4F55_5442_4F58; // "PPOUTBOX"

    private readonly OutboxOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var consecutiveFailures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            DispatchResult result;
            try
            {
                result = await DispatchPendingAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Outbox dispatch of {DbContext} failed", typeof(TDbContext).Name);
                result = new DispatchResult(0, Failed: true);
            }

            if (result.Failed)
            {
                consecutiveFailures++;
                await Task.Delay(RetryDelay(consecutiveFailures), time, stoppingToken);
            }
            else
            {
                consecutiveFailures = 0;
                if (result.Published < _options.BatchSize)
                {
                    await signal.WaitAsync(_options.PollInterval, stoppingToken);
                }
            }
        }
    }

    /// <summary>Publishes one batch of pending events; stops at the first failure to keep the order.</summary>
    public async Task<DispatchResult> DispatchPendingAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var locked = await db.Database
                .SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({LockKey}) AS \"Value\"")
                .SingleAsync(ct);
            if (!locked)
            {
                return new DispatchResult(0, Failed: false);
            }

            var pending = await db.OutboxMessages
                .Where(m => m.PublishedAt == null)
                .OrderBy(m => m.Sequence)
                .Take(_options.BatchSize)
                .ToListAsync(ct);

            var published = 0;
            var failed = false;
            foreach (var message in pending)
            {
                try
                {
                    await PublishAsync(message, ct);
                    message.PublishedAt = time.GetUtcNow();
                    published++;
                }
                catch (Exception ex) when (!ct.IsCancellationRequested)
                {
                    message.Attempts++;
                    message.LastError = ex.Message.Length > 2000 ? ex.Message[..2000] : ex.Message;
                    logger.LogWarning("Publishing event {EventId} ({EventType}) failed, attempt {Attempts}: {Error}",
                        message.EventId, message.EventType, message.Attempts, ex.Message);
                    failed = true;
                    break;
                }
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return new DispatchResult(published, failed);
        }, cancellationToken);
    }

    private async Task PublishAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var eventType = Type.GetType(message.EventType, throwOnError: true)!;
        var integrationEvent = JsonSerializer.Deserialize(message.Payload, eventType, OutboxDbContextExtensions.SerializerOptions)
            ?? throw new InvalidOperationException($"Outbox event {message.EventId} has an empty payload.");

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.PublishTimeout);
        // MassTransit's send span becomes a child of this one, and the consumer's spans follow from it.
        using var activity = OutboxTelemetry.StartPublish(message);
        try
        {
            await publisher.PublishAsync(integrationEvent, eventType, message.EventId, message.CorrelationId, timeout.Token);
        }
        catch (Exception ex)
        {
            activity?.AddException(ex);
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            throw;
        }
    }

    private TimeSpan RetryDelay(int consecutiveFailures)
    {
        var delay = TimeSpan.FromMilliseconds(250 * Math.Pow(2, Math.Min(consecutiveFailures - 1, 10)));
        return delay < _options.MaxRetryDelay ? delay : _options.MaxRetryDelay;
    }
}

public readonly record struct DispatchResult(int Published, bool Failed);

public static class OutboxServiceCollectionExtensions
{
    public static IServiceCollection AddOutbox<TDbContext>(this IServiceCollection services)
        where TDbContext : DbContext, IOutboxDbContext
    {
        services.AddOptions<OutboxOptions>();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<OutboxSignalInterceptor>();
        services.AddSingleton<OutboxDispatcher<TDbContext>>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher<TDbContext>>());
        return services;
    }
}
