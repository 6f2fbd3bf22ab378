namespace PropertyPlatform.Contracts.Reception;

/// <summary>
/// A resident moved out of a unit. <see cref="MovedOutOn"/> is an estate-local date and the first day no longer lived
/// there (occupancy is the half-open period [moved in, moved out)). <see cref="UnitVacated"/> says the last resident
/// left, so billing stops billing the unit as occupied from that date. Readings are null when none were taken.
/// </summary>
public sealed record ResidentMovedOut(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid EstateId,
    Guid CorrelationId,
    Guid UnitId,
    Guid ResidentId,
    string Kind,
    DateOnly MovedOutOn,
    bool UnitVacated,
    MeterReadings? Readings) : IIntegrationEvent;
