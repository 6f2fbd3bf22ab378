namespace PropertyPlatform.Contracts.SecurityGate;

/// <summary>
/// A security patrol found something (a broken light, a blocked fire exit...) at <see cref="Location"/>, in a unit or a
/// common area. When it needs reception, reception opens a customer request; when it needs a repair, that request is a
/// repair and maintenance gets a work order.
/// </summary>
public sealed record PatrolFindingReported(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid EstateId,
    Guid CorrelationId,
    Guid FindingId,
    string Location,
    Guid? UnitId,
    string Description,
    bool NeedsReception,
    bool NeedsRepair) : IIntegrationEvent;
