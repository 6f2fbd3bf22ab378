namespace PropertyPlatform.Contracts.Charges;

/// <summary>
/// A service raised a charge on a unit for billing to put on the owner's next bill: maintenance's chargeable work
/// (<see cref="Source"/> <c>maintenance</c>, <see cref="SourceId"/> the work order) or security-gate's parking
/// (<c>security-gate</c>, the parking stay). <see cref="FeeItem"/> is billing's fee item; the amount is exact, in the
/// estate's currency. (<see cref="Source"/>, <see cref="SourceId"/>) identifies the charge: billing books it once.
/// This namespace holds what billing receives from several services: one shared record, published by each of them,
/// rather than one per publisher, so billing has one consumer and one rule for every charge.
/// </summary>
public sealed record ChargeRaised(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid EstateId,
    Guid CorrelationId,
    Guid UnitId,
    string FeeItem,
    decimal Amount,
    string Currency,
    string Source,
    Guid SourceId,
    string Description) : IIntegrationEvent;
