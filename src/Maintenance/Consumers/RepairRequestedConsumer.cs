using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Contracts.Maintenance;
using PropertyPlatform.Contracts.Reception;
using PropertyPlatform.Maintenance.Data;
using PropertyPlatform.Maintenance.Domain;
using PropertyPlatform.ServiceDefaults.Messaging;

namespace PropertyPlatform.Maintenance.Consumers;

/// <summary>A repair request at reception becomes a work order here, and reception hears it is routed.</summary>
public sealed class RepairRequestedConsumer(MaintenanceDbContext db, TimeProvider time)
    : IdempotentConsumer<RepairRequested, MaintenanceDbContext>(db, time)
{
    protected override async Task HandleAsync(RepairRequested message, CancellationToken cancellationToken)
    {
        if (await Db.WorkOrders.AnyAsync(w => w.RequestId == message.RequestId, cancellationToken))
        {
            return;
        }

        var urgency = Enum.TryParse<WorkOrderUrgency>(message.Urgency, ignoreCase: true, out var parsed) ? parsed : WorkOrderUrgency.Normal;
        var now = Time.GetUtcNow();
        var workOrder = WorkOrder.FromRequest(
            message.EstateId, message.RequestId, message.UnitId, message.Description, urgency, now, message.CorrelationId, message.AttachmentIds);
        Db.WorkOrders.Add(workOrder);
        Db.AddIntegrationEvent(new WorkOrderCreated(
            EventId: Guid.CreateVersion7(now),
            OccurredAt: now,
            EstateId: workOrder.EstateId,
            CorrelationId: workOrder.CorrelationId,
            WorkOrderId: workOrder.Id,
            RequestId: workOrder.RequestId,
            Urgency: workOrder.Urgency.ToString()));
    }
}
