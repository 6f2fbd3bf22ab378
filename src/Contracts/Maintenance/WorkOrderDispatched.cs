namespace PropertyPlatform.Contracts.Maintenance;

/// <summary>
/// The maintenance supervisor (or the estate manager, or maintenance itself for an emergency) dispatched the work order to
/// the technician <see cref="TechnicianId"/> for <see cref="Trade"/>. Reception may show who is coming; hr-training may
/// count the technician's workload.
/// </summary>
public sealed record WorkOrderDispatched(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid EstateId,
    Guid CorrelationId,
    Guid WorkOrderId,
    Guid? RequestId,
    Guid TechnicianId,
    string TechnicianName,
    string Trade,
    string Urgency) : IIntegrationEvent;
