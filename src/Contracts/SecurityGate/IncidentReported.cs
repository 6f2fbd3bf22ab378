namespace PropertyPlatform.Contracts.SecurityGate;

/// <summary>
/// The gate recorded an incident or hazard. <see cref="Kind"/> is what happened (e.g. <c>SafetyHazard</c>,
/// <c>FacilityDamage</c>, <c>Disturbance</c>); <see cref="Severity"/> is <c>Low</c>, <c>Medium</c>, <c>High</c> or
/// <c>Critical</c>. When it needs reception, reception opens a customer request.
/// </summary>
public sealed record IncidentReported(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid EstateId,
    Guid CorrelationId,
    Guid IncidentId,
    string Kind,
    string Severity,
    string Location,
    Guid? UnitId,
    string Description,
    bool NeedsReception) : IIntegrationEvent;
