namespace PropertyPlatform.Contracts.Maintenance;

/// <summary>The work order is closed: the owner verified the work (or the supervisor closed it).</summary>
public sealed record WorkOrderClosed(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid EstateId,
    Guid CorrelationId,
    Guid WorkOrderId,
    Guid? RequestId) : IIntegrationEvent;
