namespace PropertyPlatform.Contracts.Billing;

/// <summary>
/// A posted billing run issued a bill to a unit for one fee item (<see cref="FeeItem"/>, e.g. <c>management-fee</c>)
/// and month (<see cref="Period"/>, its first day), due by <see cref="DueOn"/> (estate-local). The amount is exact, in
/// the estate's currency. Published once per bill; reception's owner portal and billing's own notices follow it, and
/// any service that reports on what owners were billed may keep it.
/// </summary>
public sealed record BillIssued(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid EstateId,
    Guid CorrelationId,
    Guid BillId,
    Guid RunId,
    Guid UnitId,
    Guid? OwnerId,
    string FeeItem,
    DateOnly Period,
    decimal Amount,
    string Currency,
    DateOnly DueOn) : IIntegrationEvent;
