using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Contracts.Maintenance;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Features.Callbacks;
using PropertyPlatform.ServiceDefaults.Messaging;

namespace PropertyPlatform.Reception.Consumers;

/// <summary>The repair of one of our requests is done: the request is completed and the 24-hour callback starts.</summary>
public sealed class WorkOrderCompletedConsumer(ReceptionDbContext db, TimeProvider time)
    : IdempotentConsumer<WorkOrderCompleted, ReceptionDbContext>(db, time)
{
    protected override async Task HandleAsync(WorkOrderCompleted message, CancellationToken cancellationToken)
    {
        if (message.RequestId is not { } requestId)
        {
            return;
        }

        var request = await Db.Requests.SingleOrDefaultAsync(r => r.Id == requestId && r.EstateId == message.EstateId, cancellationToken);
        if (request is null || !request.MarkWorkOrderCompleted(message.WorkOrderId, message.OccurredAt, message.TechnicianId, message.TechnicianName, message.Chargeable))
        {
            return;
        }

        await CallbackPlanner.PlanAsync(Db, request, message.OccurredAt, cancellationToken);
    }
}
