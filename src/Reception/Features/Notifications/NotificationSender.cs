using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.ServiceDefaults.Hosting;

namespace PropertyPlatform.Reception.Features.Notifications;

/// <summary>
/// Sends the e-mails and SMS that are due, a batch at a time. Replicas skip the rows another one holds; a failed attempt
/// is tried again after the configured delays, then the delivery is failed and shows on the desk's list.
/// </summary>
public sealed class NotificationSender(
    IServiceScopeFactory scopes,
    WorkSignal<NotificationSender> signal,
    EmailSender email,
    ISmsProvider sms,
    IOptions<NotificationOptions> options,
    TimeProvider time,
    ILogger<NotificationSender> logger) : BackgroundService
{
    private const int BatchSize = 20;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var sent = 0;
            try
            {
                sent = await SendDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Sending notifications failed; trying again shortly");
            }

            if (sent < BatchSize)
            {
                await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
        }
    }

    /// <summary>
    /// Sends one batch of due deliveries; returns how many it handled. The rows stay locked until their outcome is
    /// committed: a message is sent at least once, and twice only if that commit is lost.
    /// </summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReceptionDbContext>();
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var now = time.GetUtcNow();
            var due = await db.NotificationDeliveries
                .FromSql($"""
                    SELECT *, xmin FROM notification_deliveries
                    WHERE status = 'Pending' AND next_attempt_at <= {now}
                    ORDER BY next_attempt_at
                    LIMIT {BatchSize}
                    FOR UPDATE SKIP LOCKED
                    """)
                .IgnoreQueryFilters()
                .ToListAsync(ct);
            if (due.Count == 0)
            {
                return 0;
            }

            var notificationIds = due.Select(d => d.NotificationId).Distinct().ToList();
            var notifications = await db.Notifications.AsNoTracking().IgnoreQueryFilters()
                .Where(n => notificationIds.Contains(n.Id)).ToDictionaryAsync(n => n.Id, ct);
            foreach (var delivery in due)
            {
                var notification = notifications[delivery.NotificationId];
                try
                {
                    await SendAsync(delivery, notification, ct);
                    delivery.Sent(time.GetUtcNow());
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    delivery.AttemptFailed(ex.Message, time.GetUtcNow(), options.Value.Retries);
                    logger.LogWarning(
                        "{Channel} delivery {DeliveryId} of notification {NotificationId} failed (attempt {Attempt}, now {Status}): {Error}",
                        delivery.Channel, delivery.Id, notification.Id, delivery.Attempts, delivery.Status, ex.Message);
                }

                NotificationOutcomes.Report(db, notification, delivery, time.GetUtcNow());
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return due.Count;
        }, cancellationToken);
    }

    private Task SendAsync(NotificationDelivery delivery, Notification notification, CancellationToken cancellationToken) => delivery.Channel switch
    {
        NotificationChannel.Email => email.SendAsync(delivery.Address!, notification.Subject, notification.Body, cancellationToken),
        NotificationChannel.Sms => sms.SendAsync(delivery.Address!, $"{notification.Subject}: {notification.Body}", cancellationToken),
        _ => throw new InvalidOperationException($"Nothing sends on {delivery.Channel}."),
    };
}
