namespace PropertyPlatform.Contracts.Reception;

/// <summary>
/// The butler recorded the outcome of a dunning visit that <see cref="Billing.DunningEscalatedToVisit"/> asked for:
/// <see cref="Outcome"/> is <c>Visited</c>, <c>OwnerAbsent</c> or <c>Declined</c>; <see cref="ArrearsReason"/> is what
/// the owner gave (<c>dispute</c>, <c>hardship</c>, <c>vacancy</c>...), null when none was given. Billing records the
/// step's outcome and the reason, and decides the next step of the ladder.
/// </summary>
public sealed record DunningVisitRecorded(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid EstateId,
    Guid CorrelationId,
    Guid VisitId,
    Guid UnitId,
    Guid OwnerId,
    int DunningStep,
    string Outcome,
    string? ArrearsReason,
    DateTimeOffset VisitedAt) : IIntegrationEvent;
