namespace PropertyPlatform.Contracts.Billing;

/// <summary>
/// An owner's arrears reached the butler-visit step of billing's dunning ladder (reminder → butler visit → formal notice
/// → legal action). Reception sets a visit task for the unit's butler. The amount is exact, in the estate's currency.
/// </summary>
public sealed record DunningEscalatedToVisit(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid EstateId,
    Guid CorrelationId,
    Guid UnitId,
    Guid OwnerId,
    decimal ArrearsAmount,
    string Currency,
    int DunningStep) : IIntegrationEvent;
