using System.Diagnostics;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PropertyPlatform.ServiceDefaults.Messaging;

/// <summary>The outbox of a service's database; set from <c>Messaging:Outbox</c>, checked at start by <see cref="OutboxOptionsValidator"/>.</summary>
public sealed class OutboxOptions
{
    public const string ConfigurationSection = "Messaging:Outbox";

    public int BatchSize { get; set; } = 100;

    /// <summary>
    /// How long to wait between looks when nothing signals new events. Commits signal through
    /// <see cref="OutboxWakeup"/>, so the poll is only the safety net for a notification missed while the listener
    /// reconnected: a quiet service costs its database one look per interval.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How many publishes of a batch may wait for the broker's confirm at once. The broker confirms a persistent message
    /// once it is on disk, so waiting for each confirm before the next publish costs one disk flush per event (about
    /// 85 events/s on the project's machine); with several in flight the broker flushes them together.
    /// </summary>
    public int MaxPublishesInFlight { get; set; } = 32;

    /// <summary>How long one publish may wait for the broker before the event is retried later.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Failed publishes after which an event is parked so the events behind it go out. Failures while the broker is
    /// unreachable or slow do not count: they say nothing about the event.
    /// </summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>
    /// How long sent events and the inbox's record of handled ones are kept: both can hold personal data (an
    /// <c>OwnerRegistered</c> carries names and phone numbers). Longer than any redelivery or error-queue replay
    /// should take, since a message whose inbox record is gone would be handled again.
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often rows older than <see cref="Retention"/> are deleted.</summary>
    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>
/// Publishes the outbox of <typeparamref name="TDbContext"/> and marks what the broker confirmed. While the broker is
/// away events stay in the table and go out when it returns. A crash between publish and mark publishes an event twice
/// at worst, never zero times; consumers' inboxes absorb the repeat.
/// <para>
/// Order: events are handed to the broker by <see cref="OutboxMessage.Sequence"/>, which is assigned at insert, among
/// the rows committed when the dispatcher looks; of two transactions that overlap, the one that inserted later and
/// committed first may go out first, and one that inserted first and commits late goes out after events already
/// published (insertion order, not commit order). Up to <see cref="OutboxOptions.MaxPublishesInFlight"/> publishes
/// wait for their confirms together, so the broker's order within that window is the order they were handed over in,
/// not a promise; no consumer relies on it, since every service's consumers take several messages at once (MassTransit's
/// prefetch) and retry failures later. What is kept: an event is never marked published before the broker confirmed it,
/// and after a failed publish no further event of the batch is handed over; events already in flight that the broker
/// confirmed are marked, the rest wait for the next batch. A parked event is overtaken by the events behind it;
/// replayed, it goes out late.
/// </para>
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
    // One dispatcher per database at a time (across replicas) so events leave in sequence order.
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
                if (result.Published + result.Parked < _options.BatchSize)
                {
                    await signal.WaitAsync(_options.PollInterval, stoppingToken);
                }
            }
        }
    }

    /// <summary>
    /// Publishes one batch of pending events, up to <see cref="OutboxOptions.MaxPublishesInFlight"/> at a time. Stops
    /// handing events over at the first failure, unless the failed event is parked: at once when it can never be read,
    /// after <see cref="OutboxOptions.MaxAttempts"/> failed publishes otherwise.
    /// </summary>
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
                .Where(m => m.PublishedAt == null && m.ParkedAt == null)
                .OrderBy(m => m.Sequence)
                .Take(_options.BatchSize)
                .ToListAsync(ct);

            var published = 0;
            var parked = 0;
            var failed = false;
            var inFlight = new List<(OutboxMessage Message, Task Publish)>(pending.Count);
            using var window = new SemaphoreSlim(_options.MaxPublishesInFlight);
            using var handOver = new CancellationTokenSource();
            try
            {
                foreach (var message in pending)
                {
                    if (!TryRead(message, out var integrationEvent, out var eventType, out var unreadable))
                    {
                        Park(message, unreadable);
                        parked++;
                        continue;
                    }

                    await window.WaitAsync(ct);
                    if (handOver.IsCancellationRequested)
                    {
                        window.Release();
                        break;
                    }

                    inFlight.Add((message, PublishInWindowAsync(message, integrationEvent, eventType, window, handOver, ct)));
                }

                // In sequence order: the first failure is the one that counts; the events in flight behind it that the
                // broker confirmed are marked (they are on the broker), those it did not are tried again next batch.
                foreach (var (message, publish) in inFlight)
                {
                    try
                    {
                        await publish;
                        message.PublishedAt = time.GetUtcNow();
                        published++;
                    }
                    catch (Exception ex) when (!ct.IsCancellationRequested)
                    {
                        if (failed)
                        {
                            continue;
                        }

                        message.LastError = Truncate(ex.Message);
                        if (!IsBrokerAway(ex))
                        {
                            message.Attempts++;
                        }

                        if (message.Attempts >= _options.MaxAttempts)
                        {
                            Park(message, ex.Message);
                            parked++;
                            continue;
                        }

                        logger.LogWarning("Publishing event {EventId} ({EventType}) failed, attempt {Attempts}: {Error}",
                            message.EventId, message.EventType, message.Attempts, ex.Message);
                        failed = true;
                    }
                }
            }
            finally
            {
                // Leave nothing running behind a cancelled dispatch: its publishes end with the token.
                await Task.WhenAll(inFlight.Select(p => p.Publish)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return new DispatchResult(published, failed, parked);
        }, cancellationToken);
    }

    /// <summary>The stored event as an object of its type; false, with the reason, when it can never be read as stored.</summary>
    private static bool TryRead(OutboxMessage message, out object integrationEvent, out Type eventType, out string error)
    {
        integrationEvent = null!;
        eventType = null!;
        error = "";
        try
        {
            eventType = Type.GetType(message.EventType, throwOnError: false)!;
            if (eventType is null)
            {
                error = $"The event type '{message.EventType}' does not resolve.";
                return false;
            }

            integrationEvent = JsonSerializer.Deserialize(message.Payload, eventType, OutboxDbContextExtensions.SerializerOptions)!;
            if (integrationEvent is null)
            {
                error = "The payload is empty.";
                return false;
            }

            return true;
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or ArgumentException or TypeLoadException or IOException or BadImageFormatException)
        {
            error = $"The stored event cannot be read: {ex.Message}";
            return false;
        }
    }

    private void Park(OutboxMessage message, string error)
    {
        message.ParkedAt = time.GetUtcNow();
        message.LastError = Truncate(error);
        OutboxTelemetry.CountParked(message);
        logger.LogError(
            "Outbox event {EventId} ({EventType}) parked after {Attempts} failed publishes: {Error}. The events behind it go on; fix it and replay it.",
            message.EventId, message.EventType, message.Attempts, error);
    }

    /// <summary>The broker could not be reached or did not answer in time: a failure of the connection, not of the event.</summary>
    private static bool IsBrokerAway(Exception exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            if (ex is OperationCanceledException or TimeoutException or SocketException or MassTransit.ConnectionException
                or RabbitMQ.Client.Exceptions.BrokerUnreachableException or RabbitMQ.Client.Exceptions.AlreadyClosedException)
            {
                return true;
            }
        }

        return false;
    }

    private static string Truncate(string error) => error.Length > 2000 ? error[..2000] : error;

    /// <summary>
    /// Publishes in one of the window's places and frees it when the broker answers. A failure that will not park the
    /// event stops the batch handing over more events (a parking one lets the rest go on, as it is left aside).
    /// </summary>
    private async Task PublishInWindowAsync(
        OutboxMessage message, object integrationEvent, Type eventType, SemaphoreSlim window, CancellationTokenSource handOver, CancellationToken cancellationToken)
    {
        try
        {
            await PublishAsync(message, integrationEvent, eventType, cancellationToken);
        }
        catch (Exception ex)
        {
            if (IsBrokerAway(ex) || message.Attempts + 1 < _options.MaxAttempts)
            {
                await handOver.CancelAsync();
            }

            throw;
        }
        finally
        {
            window.Release();
        }
    }

    private async Task PublishAsync(OutboxMessage message, object integrationEvent, Type eventType, CancellationToken cancellationToken)
    {
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

/// <summary>What one batch did: events published, whether it stopped at a failure, events parked.</summary>
public readonly record struct DispatchResult(int Published, bool Failed, int Parked = 0);

public static class OutboxServiceCollectionExtensions
{
    public static IServiceCollection AddOutbox<TDbContext>(this IServiceCollection services)
        where TDbContext : DbContext, IOutboxDbContext
    {
        services.AddOptions<OutboxOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OutboxOptions>, OutboxOptionsValidator>());
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<OutboxDispatcher<TDbContext>>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher<TDbContext>>());
        services.AddHostedService<OutboxListener<TDbContext>>();
        services.AddSingleton<OutboxRetention<TDbContext>>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxRetention<TDbContext>>());
        services.AddScoped(sp => new ParkedEvents(sp.GetRequiredService<TDbContext>(), sp.GetRequiredService<OutboxSignal>()));
        return services;
    }
}
