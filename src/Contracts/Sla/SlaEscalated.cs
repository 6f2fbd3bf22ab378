namespace PropertyPlatform.Contracts.Sla;

/// <summary>A breached task is still open this long after its deadline: the next step of the chain (<see cref="Level"/>) hears of it.</summary>
public sealed record SlaEscalated(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid EstateId,
    Guid CorrelationId,
    string Service,
    string Subject,
    Guid SubjectId,
    string Policy,
    DateTimeOffset DueAt,
    int Level,
    string NotifiedRole) : IIntegrationEvent;
