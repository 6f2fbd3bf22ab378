namespace PropertyPlatform.Contracts.Sla;

/// <summary>
/// A deadline of the group's standards passed with the task still open (any service: the routing rule, a complaint,
/// a callback, a work order...). <see cref="NotifiedRole"/> is who hears of it first; later steps follow as
/// <see cref="SlaEscalated"/>. <see cref="ResponsibleStaffId"/> is the staff member (identity account id) who held
/// the task, when it had one, for appraisal; null for tasks nobody in particular answers for.
/// </summary>
public sealed record SlaBreached(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid EstateId,
    Guid CorrelationId,
    string Service,
    string Subject,
    Guid SubjectId,
    string Policy,
    DateTimeOffset DueAt,
    string NotifiedRole,
    Guid? ResponsibleStaffId = null) : IIntegrationEvent;
