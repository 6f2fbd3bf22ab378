namespace PropertyPlatform.Contracts.Maintenance;

/// <summary>
/// The technician the work order was dispatched to accepted it (not yet on site: <see cref="WorkOrderStarted"/> says
/// when they arrive). Reception may tell the requester the job is taken.
/// </summary>
public sealed record WorkOrderAccepted(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid EstateId,
    Guid CorrelationId,
    Guid WorkOrderId,
    Guid? RequestId,
    Guid TechnicianId,
    string TechnicianName) : IIntegrationEvent;
