using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Contracts.Maintenance;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.ServiceDefaults.Messaging;

namespace PropertyPlatform.Reception.Consumers;

/// <summary>A technician started on the work order of one of our requests: the request is in progress.</summary>
public sealed class WorkOrderStartedConsumer(ReceptionDbContext db, TimeProvider time)
    : IdempotentConsumer<WorkOrderStarted, ReceptionDbContext>(db, time)
{
    protected override async Task HandleAsync(WorkOrderStarted message, CancellationToken cancellationToken)
    {
        if (message.RequestId is not { } requestId)
        {
            return;
        }

        var request = await Db.Requests.SingleOrDefaultAsync(r => r.Id == requestId && r.EstateId == message.EstateId, cancellationToken);
        request?.MarkInProgress(message.WorkOrderId, message.OccurredAt);
    }
}
