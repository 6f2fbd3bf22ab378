namespace PropertyPlatform.Contracts.Reception;

/// <summary>
/// A parcel or letter for a unit arrived at the front desk and waits on a shelf; a notifier tells the unit's owners
/// (the app already shows them an owner notification).
/// </summary>
public sealed record ParcelArrived(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid EstateId,
    Guid CorrelationId,
    Guid ParcelId,
    Guid UnitId,
    string Carrier,
    string TrackingNumber,
    string Shelf,
    DateTimeOffset ReceivedAt) : IIntegrationEvent;
