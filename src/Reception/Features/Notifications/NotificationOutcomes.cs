using PropertyPlatform.Contracts.Notifications;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.ServiceDefaults.Messaging;

namespace PropertyPlatform.Reception.Features.Notifications;

/// <summary>
/// Tells the service that asked for a notification how each channel ended (<see cref="NotificationDeliveryReported"/>),
/// in the transaction that records the outcome. A pending delivery reports nothing yet.
/// </summary>
internal static class NotificationOutcomes
{
    public static void Report(ReceptionDbContext db, Notification notification, NotificationDelivery delivery, DateTimeOffset now)
    {
        var status = delivery.Status switch
        {
            DeliveryStatus.Sent => "sent",
            DeliveryStatus.Failed => "failed",
            _ => null,
        };
        if (status is null)
        {
            return;
        }

        // The reason is ours, never the provider's error text, which can quote the address.
        var reason = delivery.Status != DeliveryStatus.Failed ? null
            : delivery.Attempts == 0 ? "undeliverable"
            : $"failed after {delivery.Attempts} attempts";
        db.AddIntegrationEvent(new NotificationDeliveryReported(
            Guid.CreateVersion7(now), now, notification.EstateId, notification.CorrelationId, notification.RequestEventId,
            Channel(delivery.Channel), status, reason));
    }

    private static string Channel(NotificationChannel channel) => channel switch
    {
        NotificationChannel.App => "app",
        NotificationChannel.Email => "email",
        NotificationChannel.Sms => "sms",
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "No such channel."),
    };
}
