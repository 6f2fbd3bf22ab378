using PropertyPlatform.Contracts.Notifications;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Features.Notifications;
using PropertyPlatform.ServiceDefaults.Hosting;
using PropertyPlatform.ServiceDefaults.Messaging;

namespace PropertyPlatform.Reception.Consumers;

/// <summary>The one place any service's request to tell someone is delivered from (reception's own requests too).</summary>
public sealed class NotificationRequestedConsumer(ReceptionDbContext db, TimeProvider time, WorkSignal<NotificationSender> sender)
    : IdempotentConsumer<NotificationRequested, ReceptionDbContext>(db, time)
{
    protected override Task HandleAsync(NotificationRequested message, CancellationToken cancellationToken) =>
        NotificationIntake.AcceptAsync(Db, message, Time.GetUtcNow(), cancellationToken);

    protected override Task AfterCommitAsync(NotificationRequested message, CancellationToken cancellationToken)
    {
        sender.Notify();
        return Task.CompletedTask;
    }
}
