namespace PropertyPlatform.Contracts.Maintenance;

/// <summary>
/// The technician finished the work. <see cref="Chargeable"/> marks a paid service (the owner is billed
/// <see cref="Charge"/>); reception calls every requester back after a completed repair.
/// </summary>
public sealed record WorkOrderCompleted(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid EstateId,
    Guid CorrelationId,
    Guid WorkOrderId,
    Guid? RequestId,
    Guid? UnitId,
    Guid TechnicianId,
    string TechnicianName,
    string Trade,
    bool Chargeable,
    decimal? Charge,
    string? Currency) : IIntegrationEvent;
