namespace PropertyPlatform.Contracts.Reception;

/// <summary>The requester was not satisfied when called back: the request is open again and its work order must reopen.</summary>
public sealed record RequestReopened(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid EstateId,
    Guid CorrelationId,
    Guid RequestId,
    Guid? WorkOrderId,
    string Reason) : IIntegrationEvent;
