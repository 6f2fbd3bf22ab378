using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Billing.Data;
using PropertyPlatform.Contracts.Notifications;
using PropertyPlatform.ServiceDefaults.Messaging;

namespace PropertyPlatform.Billing.Consumers;

/// <summary>
/// Reception reports how a notification went on one channel: when it carried a payment notice, the notice records it.
/// Reports of every other notification (reception tells every asker) are not billing's and change nothing.
/// </summary>
public sealed class NotificationDeliveryReportedConsumer(BillingDbContext db, TimeProvider time)
    : IdempotentConsumer<NotificationDeliveryReported, BillingDbContext>(db, time)
{
    protected override async Task HandleAsync(NotificationDeliveryReported message, CancellationToken cancellationToken)
    {
        var notice = await Db.PaymentNotices.SingleOrDefaultAsync(n => n.NotificationEventId == message.RequestEventId, cancellationToken);
        notice?.Reported(message.Channel, message.Status, message.Reason, message.OccurredAt);
    }
}
