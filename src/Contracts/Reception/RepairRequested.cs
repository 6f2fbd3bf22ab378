namespace PropertyPlatform.Contracts.Reception;

/// <summary>A customer request classified as a repair was recorded at reception; maintenance opens a work order.</summary>
public sealed record RepairRequested(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid EstateId,
    Guid CorrelationId,
    Guid RequestId,
    Guid? UnitId,
    string Description,
    string Urgency) : IIntegrationEvent;
