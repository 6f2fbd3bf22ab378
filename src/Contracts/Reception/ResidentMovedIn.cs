namespace PropertyPlatform.Contracts.Reception;

/// <summary>
/// Someone moved into a unit (the front desk's move-in procedure, 入伙). Billing bills the unit from
/// <see cref="MovedInOn"/> (an estate-local date: the first day lived there) and charges metered use from
/// <see cref="Readings"/>; security registers the resident's vehicles. One event per resident of the move-in.
/// </summary>
public sealed record ResidentMovedIn(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid EstateId,
    Guid CorrelationId,
    Guid UnitId,
    Guid ResidentId,
    Guid MoveInId,
    string Kind,
    DateOnly MovedInOn,
    MeterReadings Readings) : IIntegrationEvent;
