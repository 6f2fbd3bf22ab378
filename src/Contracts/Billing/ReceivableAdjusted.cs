namespace PropertyPlatform.Contracts.Billing;

/// <summary>
/// Billing lowered what a unit owes on one open item (<see cref="ReceivableId"/>; <see cref="BillId"/> when a billing run
/// issued it) by a new entry: <see cref="Kind"/> <c>correction</c> (a credit note), <c>discount</c> or <c>write-off</c>.
/// <see cref="Amount"/> is the reduction and <see cref="Outstanding"/> what is still owed on the item after it, exact, in
/// the estate's <see cref="Currency"/>. Like <see cref="PaymentReceived"/>, a service that follows what owners owe
/// (reception's dunning follow-up, the owner portal) can keep it.
/// </summary>
public sealed record ReceivableAdjusted(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid EstateId,
    Guid CorrelationId,
    Guid AdjustmentId,
    Guid ReceivableId,
    Guid? BillId,
    Guid UnitId,
    Guid? OwnerId,
    string Kind,
    decimal Amount,
    decimal Outstanding,
    string Currency,
    string Reason,
    string RecordedBy) : IIntegrationEvent;
