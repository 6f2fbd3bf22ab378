namespace PropertyPlatform.Contracts.Maintenance;

/// <summary>A technician started work on a work order (again, after a reopen).</summary>
public sealed record WorkOrderStarted(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid EstateId,
    Guid CorrelationId,
    Guid WorkOrderId,
    Guid? RequestId,
    Guid TechnicianId,
    string TechnicianName) : IIntegrationEvent;
