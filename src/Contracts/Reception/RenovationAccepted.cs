namespace PropertyPlatform.Contracts.Reception;

/// <summary>The finished renovation works of a unit were accepted: the workers' passes can end, the site is closed.</summary>
public sealed record RenovationAccepted(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid EstateId,
    Guid CorrelationId,
    Guid PermitId,
    Guid UnitId) : IIntegrationEvent;
