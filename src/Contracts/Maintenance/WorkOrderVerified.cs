namespace PropertyPlatform.Contracts.Maintenance;

/// <summary>
/// The owner verified the completed work and accepted it (a rejection reopens the order: <see cref="WorkOrderReopened"/>).
/// The work order then waits for reception's callback to close it; reception may record the verification on the request.
/// </summary>
public sealed record WorkOrderVerified(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid EstateId,
    Guid CorrelationId,
    Guid WorkOrderId,
    Guid? RequestId,
    Guid? UnitId) : IIntegrationEvent;
