namespace PropertyPlatform.Contracts.Billing;

/// <summary>
/// Billing booked a payment for a unit (online, direct debit or at the counter: <see cref="Method"/>), with its receipt
/// number. The amount is exact, in the estate's currency. Reception closes an open dunning follow-up of the unit once its
/// arrears are paid.
/// </summary>
public sealed record PaymentReceived(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid EstateId,
    Guid CorrelationId,
    Guid PaymentId,
    Guid UnitId,
    Guid? OwnerId,
    decimal Amount,
    string Currency,
    string Method,
    string ReceiptNumber) : IIntegrationEvent;
