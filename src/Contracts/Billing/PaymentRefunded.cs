namespace PropertyPlatform.Contracts.Billing;

/// <summary>
/// Money was paid back on a payment (its unused credit, or a reversed payment) through <see cref="Method"/> (cash, card,
/// online, direct-debit). The amount is exact, in the estate's currency.
/// </summary>
public sealed record PaymentRefunded(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid EstateId,
    Guid CorrelationId,
    Guid RefundId,
    Guid PaymentId,
    Guid UnitId,
    Guid? OwnerId,
    decimal Amount,
    string Currency,
    string Method,
    string Reason,
    string RefundedBy) : IIntegrationEvent;
