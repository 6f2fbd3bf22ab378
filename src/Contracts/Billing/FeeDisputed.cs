namespace PropertyPlatform.Contracts.Billing;

/// <summary>
/// Billing staff (or a butler's dunning visit) recorded that the owner disputes fees of a unit: reception takes it up as a
/// complaint. <see cref="DisputeId"/> identifies the dispute in billing; <see cref="ReceivableIds"/> are the disputed open
/// items, <see cref="BillIds"/> the bills among them; <see cref="Amount"/> is what is still owed on them, exact, in the
/// estate's <see cref="Currency"/>. <see cref="Text"/> is the owner's complaint as recorded; <see cref="RecordedBy"/> who recorded it.
/// </summary>
public sealed record FeeDisputed(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid EstateId,
    Guid CorrelationId,
    Guid DisputeId,
    Guid UnitId,
    Guid? OwnerId,
    IReadOnlyList<Guid> ReceivableIds,
    IReadOnlyList<Guid> BillIds,
    decimal Amount,
    string Currency,
    string Text,
    string RecordedBy) : IIntegrationEvent;
