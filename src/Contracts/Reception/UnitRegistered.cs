namespace PropertyPlatform.Contracts.Reception;

/// <summary>A unit was added to reception's registry; billing bills it by floor area, security knows it exists.</summary>
public sealed record UnitRegistered(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid EstateId,
    Guid CorrelationId,
    Guid UnitId,
    Guid BuildingId,
    string Number,
    decimal FloorArea,
    string Usage,
    string Status) : IIntegrationEvent;
