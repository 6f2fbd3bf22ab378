namespace PropertyPlatform.Contracts.Maintenance;

/// <summary>
/// The technician finished the work. <see cref="Chargeable"/> marks a paid service (the owner is billed
/// <see cref="Charge"/>); reception calls every requester back after a completed repair. <see cref="PhotoIds"/> are the
/// photos of the finished work, every completion's so far (served by maintenance at
/// <c>/api/maintenance/work-orders/{WorkOrderId}/photos/{id}</c>); null from producers older than photos.
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
    string? Currency,
    IReadOnlyList<Guid>? PhotoIds = null) : IIntegrationEvent;
