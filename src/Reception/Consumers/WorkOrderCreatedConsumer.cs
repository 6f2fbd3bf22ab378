using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Contracts.Maintenance;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.ServiceDefaults.Messaging;

namespace PropertyPlatform.Reception.Consumers;

/// <summary>Maintenance opened a work order for one of our requests: the request is now routed.</summary>
public sealed class WorkOrderCreatedConsumer(ReceptionDbContext db, TimeProvider time)
    : IdempotentConsumer<WorkOrderCreated, ReceptionDbContext>(db, time)
{
    protected override async Task HandleAsync(WorkOrderCreated message, CancellationToken cancellationToken)
    {
        if (message.RequestId is not { } requestId)
        {
            return;
        }

        var request = await Db.Requests.SingleOrDefaultAsync(r => r.Id == requestId && r.EstateId == message.EstateId, cancellationToken);
        request?.MarkRouted(message.WorkOrderId, message.OccurredAt);
    }
}
