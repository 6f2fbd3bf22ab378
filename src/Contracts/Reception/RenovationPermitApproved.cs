namespace PropertyPlatform.Contracts.Reception;

/// <summary>
/// Reception approved renovation works in a unit: the gate can issue the workers' passes for the planned dates
/// (estate-local days, inclusive); the unit is a renovation site until <see cref="RenovationAccepted"/>.
/// </summary>
public sealed record RenovationPermitApproved(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid EstateId,
    Guid CorrelationId,
    Guid PermitId,
    Guid UnitId,
    string Contractor,
    IReadOnlyList<string> Workers,
    DateOnly PlannedStart,
    DateOnly PlannedEnd) : IIntegrationEvent;
