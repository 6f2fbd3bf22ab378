namespace PropertyPlatform.Contracts.Billing;

/// <summary>
/// A payment billing had booked (<see cref="PaymentReceived"/>) was reversed as taken in error: the items it paid are
/// owed again and its money is owed back to the payer until refunded. The receipt keeps its number and shows it
/// reversed. The amount is exact, in the estate's currency.
/// </summary>
public sealed record PaymentReversed(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid EstateId,
    Guid CorrelationId,
    Guid ReversalId,
    Guid PaymentId,
    Guid UnitId,
    Guid? OwnerId,
    decimal Amount,
    string Currency,
    string ReceiptNumber,
    string Reason,
    string ReversedBy) : IIntegrationEvent;
