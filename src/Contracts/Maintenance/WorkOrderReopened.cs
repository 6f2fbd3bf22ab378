namespace PropertyPlatform.Contracts.Maintenance;

/// <summary>
/// A completed (or closed) work order is open again as rework: the owner rejected the work at verification
/// (<see cref="Cause"/> <c>owner-rejected</c>), or reception reopened the request after a dissatisfied callback
/// (<c>request-reopened</c>). <see cref="ReworkCount"/> counts the reopenings. Reception and hr-training's appraisal may
/// count rework against the technician.
/// </summary>
public sealed record WorkOrderReopened(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid EstateId,
    Guid CorrelationId,
    Guid WorkOrderId,
    Guid? RequestId,
    Guid? TechnicianId,
    string Cause,
    string Reason,
    int ReworkCount) : IIntegrationEvent;
