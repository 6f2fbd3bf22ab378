namespace PropertyPlatform.Contracts.Maintenance;

/// <summary>Maintenance opened a work order; when it came from a customer request, <see cref="RequestId"/> names it.</summary>
public sealed record WorkOrderCreated(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid EstateId,
    Guid CorrelationId,
    Guid WorkOrderId,
    Guid? RequestId,
    string Urgency) : IIntegrationEvent;
