using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Contracts.Maintenance;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.ServiceDefaults.Messaging;

namespace PropertyPlatform.Reception.Consumers;

/// <summary>Maintenance closed the work order: the request is closed.</summary>
public sealed class WorkOrderClosedConsumer(ReceptionDbContext db, TimeProvider time)
    : IdempotentConsumer<WorkOrderClosed, ReceptionDbContext>(db, time)
{
    protected override async Task HandleAsync(WorkOrderClosed message, CancellationToken cancellationToken)
    {
        if (message.RequestId is not { } requestId)
        {
            return;
        }

        var request = await Db.Requests.SingleOrDefaultAsync(r => r.Id == requestId && r.EstateId == message.EstateId, cancellationToken);
        request?.MarkClosed(message.WorkOrderId, message.OccurredAt);
    }
}
