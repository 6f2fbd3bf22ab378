namespace PropertyPlatform.Contracts.Reception;

/// <summary>
/// An emergency (elevator failure, burst pipe, fire, injury...) was reported at reception: maintenance acts at once;
/// <see cref="OnDutySupervisor"/> is the supervisor alerted (null when nobody was on duty and it went to the manager).
/// </summary>
public sealed record EmergencyReported(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid EstateId,
    Guid CorrelationId,
    Guid AlertId,
    Guid RequestId,
    Guid? UnitId,
    string Kind,
    string Description,
    string? OnDutySupervisor) : IIntegrationEvent;
