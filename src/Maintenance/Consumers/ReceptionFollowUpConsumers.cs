using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Contracts.Reception;
using PropertyPlatform.Maintenance.Data;
using PropertyPlatform.Maintenance.Domain;
using PropertyPlatform.Maintenance.Features.WorkOrders;
using PropertyPlatform.ServiceDefaults.Messaging;

namespace PropertyPlatform.Maintenance.Consumers;

/// <summary>
/// Reception called the requester back. Satisfied: the work order closes (<c>WorkOrderClosed</c>). Dissatisfied: it reopens
/// as rework, unless reception's <c>RequestReopened</c> for the same call reopened it first. Only a callback about the
/// latest completion counts: one made before a rework was completed again changes nothing. Either way its scores are kept
/// for the technician's callback report, once per callback.
/// </summary>
public sealed class CallbackCompletedConsumer(MaintenanceDbContext db, TimeProvider time)
    : IdempotentConsumer<CallbackCompleted, MaintenanceDbContext>(db, time)
{
    protected override async Task HandleAsync(CallbackCompleted message, CancellationToken cancellationToken)
    {
        var workOrder = await WorkOrderOfAsync(Db, message.WorkOrderId, message.RequestId, message.EstateId, cancellationToken);
        await KeepScoresAsync(message, workOrder, cancellationToken);
        if (workOrder is null)
        {
            return;
        }

        var now = Time.GetUtcNow();
        if (message.Satisfied && workOrder.CanCloseAfterCallback(message.OccurredAt))
        {
            workOrder.Close(Actor.System, now, $"satisfied callback (attitude {message.Attitude}, quality {message.Quality}, speed {message.Speed})");
            WorkOrderEvents.Closed(Db, workOrder, now);
        }
        else if (!message.Satisfied && workOrder.CanReopen(message.OccurredAt))
        {
            var reason = $"Dissatisfied at the callback (attitude {message.Attitude}, quality {message.Quality}, speed {message.Speed}).";
            workOrder.Reopen(ReopenCauses.DissatisfiedCallback, reason, Actor.System, now);
            WorkOrderEvents.Reopened(Db, workOrder, ReopenCauses.DissatisfiedCallback, reason, now);
        }
    }

    /// <summary>The callback's scores, credited to the technician it names, or else to the one the work order was dispatched to.</summary>
    private async Task KeepScoresAsync(CallbackCompleted message, WorkOrder? workOrder, CancellationToken cancellationToken)
    {
        if (await Db.CallbackScores.AnyAsync(s => s.CallbackId == message.CallbackId, cancellationToken))
        {
            return;
        }

        var technicianId = message.TechnicianId ?? workOrder?.TechnicianId;
        var technicianName = message.TechnicianId is not null ? message.TechnicianName : workOrder?.TechnicianName;
        Db.CallbackScores.Add(CallbackScore.Record(
            message.CallbackId, message.EstateId, message.WorkOrderId ?? workOrder?.Id, technicianId, technicianName, message.Attitude, message.Quality,
            message.Speed, message.Satisfied, message.OccurredAt));
    }

    /// <summary>The work order an event of reception's is about: by its id when given, else by the request.</summary>
    internal static Task<WorkOrder?> WorkOrderOfAsync(
        MaintenanceDbContext db, Guid? workOrderId, Guid requestId, Guid estateId, CancellationToken cancellationToken) =>
        workOrderId is { } id
            ? db.WorkOrders.SingleOrDefaultAsync(w => w.Id == id && w.EstateId == estateId, cancellationToken)
            : db.WorkOrders.SingleOrDefaultAsync(w => w.RequestId == requestId && w.EstateId == estateId, cancellationToken);
}

/// <summary>Reception reopened the request (a dissatisfied callback): its work order reopens as rework, once.</summary>
public sealed class RequestReopenedConsumer(MaintenanceDbContext db, TimeProvider time)
    : IdempotentConsumer<RequestReopened, MaintenanceDbContext>(db, time)
{
    protected override async Task HandleAsync(RequestReopened message, CancellationToken cancellationToken)
    {
        var workOrder = await CallbackCompletedConsumer.WorkOrderOfAsync(Db, message.WorkOrderId, message.RequestId, message.EstateId, cancellationToken);
        if (workOrder is null || !workOrder.CanReopen(message.OccurredAt))
        {
            return;
        }

        var now = Time.GetUtcNow();
        workOrder.Reopen(ReopenCauses.RequestReopened, message.Reason, Actor.System, now);
        WorkOrderEvents.Reopened(Db, workOrder, ReopenCauses.RequestReopened, message.Reason, now);
    }
}

/// <summary>Reception agreed the proposed visit (or another time) with the owner: it becomes the order's appointment.</summary>
public sealed class AppointmentConfirmedConsumer(MaintenanceDbContext db, TimeProvider time)
    : IdempotentConsumer<AppointmentConfirmed, MaintenanceDbContext>(db, time)
{
    protected override async Task HandleAsync(AppointmentConfirmed message, CancellationToken cancellationToken)
    {
        var workOrder = await Db.WorkOrders.SingleOrDefaultAsync(w => w.Id == message.WorkOrderId && w.EstateId == message.EstateId, cancellationToken);
        workOrder?.ConfirmAppointment(message.AppointmentId, message.StartsAt, message.EndsAt, Time.GetUtcNow());
    }
}
