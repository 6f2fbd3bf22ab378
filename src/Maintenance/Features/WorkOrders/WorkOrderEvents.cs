using PropertyPlatform.Contracts.Charges;
using PropertyPlatform.Contracts.Maintenance;
using PropertyPlatform.Maintenance.Data;
using PropertyPlatform.Maintenance.Domain;
using PropertyPlatform.ServiceDefaults.Messaging;

namespace PropertyPlatform.Maintenance.Features.WorkOrders;

/// <summary>
/// What each step of a work order announces, added to the outbox of the same save as the step: the one place the
/// lifecycle's events are built, whether the step came from the API or from another service's event.
/// </summary>
public static class WorkOrderEvents
{
    /// <summary>Billing's fee item for maintenance's paid services (<c>ChargeRaised.FeeItem</c> names one of billing's fee items).</summary>
    public const string PaidServiceFeeItem = "paid-service";

    public const string ChargeSource = "maintenance";

    public static void Created(MaintenanceDbContext db, WorkOrder w, DateTimeOffset at) =>
        db.AddIntegrationEvent(new WorkOrderCreated(Id(at), at, w.EstateId, w.CorrelationId, w.Id, w.RequestId, w.Urgency.ToString()));

    public static void Dispatched(MaintenanceDbContext db, WorkOrder w, DateTimeOffset at) =>
        db.AddIntegrationEvent(new WorkOrderDispatched(
            Id(at), at, w.EstateId, w.CorrelationId, w.Id, w.RequestId, w.TechnicianId!.Value, w.TechnicianName!, w.Trade!, w.Urgency.ToString()));

    public static void Accepted(MaintenanceDbContext db, WorkOrder w, DateTimeOffset at) =>
        db.AddIntegrationEvent(new WorkOrderAccepted(Id(at), at, w.EstateId, w.CorrelationId, w.Id, w.RequestId, w.TechnicianId!.Value, w.TechnicianName!));

    /// <summary>The technician is on site: for reception, the work has started.</summary>
    public static void Started(MaintenanceDbContext db, WorkOrder w, DateTimeOffset at) =>
        db.AddIntegrationEvent(new WorkOrderStarted(Id(at), at, w.EstateId, w.CorrelationId, w.Id, w.RequestId, w.TechnicianId!.Value, w.TechnicianName!));

    /// <summary>The completion, and for chargeable work whose charge is due (<paramref name="raiseCharge"/>), the charge to billing.</summary>
    public static void Completed(MaintenanceDbContext db, WorkOrder w, bool raiseCharge, DateTimeOffset at)
    {
        db.AddIntegrationEvent(new WorkOrderCompleted(
            Id(at), at, w.EstateId, w.CorrelationId, w.Id, w.RequestId, w.UnitId, w.TechnicianId!.Value, w.TechnicianName!, w.Trade!,
            w.Chargeable, w.Chargeable ? w.Price : null, w.Chargeable ? w.Currency : null, [.. w.CompletionPhotoIds]));
        if (raiseCharge)
        {
            db.AddIntegrationEvent(new ChargeRaised(
                Id(at), at, w.EstateId, w.CorrelationId, w.UnitId!.Value, PaidServiceFeeItem, w.Price!.Value, w.Currency!, ChargeSource, w.Id,
                $"Paid {w.Trade} service: {Shorten(w.Description)}"));
        }
    }

    public static void Verified(MaintenanceDbContext db, WorkOrder w, DateTimeOffset at) =>
        db.AddIntegrationEvent(new WorkOrderVerified(Id(at), at, w.EstateId, w.CorrelationId, w.Id, w.RequestId, w.UnitId));

    public static void Reopened(MaintenanceDbContext db, WorkOrder w, string cause, string reason, DateTimeOffset at) =>
        db.AddIntegrationEvent(new WorkOrderReopened(Id(at), at, w.EstateId, w.CorrelationId, w.Id, w.RequestId, w.TechnicianId, cause, reason, w.ReworkCount));

    public static void Closed(MaintenanceDbContext db, WorkOrder w, DateTimeOffset at) =>
        db.AddIntegrationEvent(new WorkOrderClosed(Id(at), at, w.EstateId, w.CorrelationId, w.Id, w.RequestId));

    public static void AppointmentProposed(MaintenanceDbContext db, WorkOrder w, DateTimeOffset at) =>
        db.AddIntegrationEvent(new Contracts.Maintenance.AppointmentProposed(
            Id(at), at, w.EstateId, w.CorrelationId, w.AppointmentId!.Value, w.Id, w.RequestId, w.UnitId, w.Trade ?? Trades.General,
            w.AppointmentStartsAt!.Value, w.AppointmentEndsAt!.Value));

    private static Guid Id(DateTimeOffset at) => Guid.CreateVersion7(at);

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200];
}
