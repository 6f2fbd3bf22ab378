using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Contracts.Reception;
using PropertyPlatform.Maintenance.Data;
using PropertyPlatform.Maintenance.Domain;
using PropertyPlatform.Maintenance.Features.Dispatch;
using PropertyPlatform.Maintenance.Features.WorkOrders;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.ServiceDefaults.Messaging;

namespace PropertyPlatform.Maintenance.Consumers;

/// <summary>
/// An emergency at reception: its work order (opened here, or already opened from the same request's
/// <c>RepairRequested</c>) is dispatched at once to the best-ranked technician on duty and eligible for the trade the
/// emergency needs; when nobody is, the order is flagged for the supervisor and the earliest slot is proposed.
/// </summary>
public sealed class EmergencyReportedConsumer(MaintenanceDbContext db, IEstateCalendars calendars, TimeProvider time)
    : IdempotentConsumer<EmergencyReported, MaintenanceDbContext>(db, time)
{
    protected override async Task HandleAsync(EmergencyReported message, CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow();
        var calendar = await DispatchApi.CalendarAsync(calendars, message.EstateId, cancellationToken);
        var workOrder = await Db.WorkOrders.SingleOrDefaultAsync(w => w.RequestId == message.RequestId, cancellationToken);
        if (workOrder is null)
        {
            workOrder = WorkOrder.FromEmergency(
                message.EstateId, message.RequestId, message.UnitId, Trades.ForEmergency(message.Kind), message.Description, now,
                message.CorrelationId, calendar);
            Db.WorkOrders.Add(workOrder);
            WorkOrderEvents.Created(Db, workOrder, now);
        }

        // Someone is on it already (dispatched by hand before this event arrived, or further along).
        if (workOrder.Status != WorkOrderStatus.Created)
        {
            return;
        }

        var trade = workOrder.Trade ?? Trades.ForEmergency(message.Kind);
        var candidates = await Dispatcher.CandidatesAsync(Db, workOrder, trade, calendar, now, cancellationToken);
        if (candidates.FirstOrDefault(c => c.Eligible) is { } chosen)
        {
            workOrder.Dispatch(chosen.StaffId, chosen.Name, trade, Actor.System, now);
            WorkOrderEvents.Dispatched(Db, workOrder, now);
            return;
        }

        workOrder.FlagForRedispatch($"Emergency ({message.Kind}): no {trade} technician is on duty and eligible.", now);
        await DispatchApi.ProposeEarliestSlotAsync(Db, workOrder, trade, calendar, Actor.System, now, cancellationToken);
    }
}
