namespace PropertyPlatform.Contracts.HrTraining;

/// <summary>
/// A staff member's employment ended (resignation, dismissal at the end of the discipline ladder, end of contract);
/// <see cref="LastDay"/> is the estate-local last working day. Identity disables the account; maintenance and
/// security-gate take the person off dispatch and off posts.
/// </summary>
public sealed record EmploymentEnded(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid EstateId,
    Guid CorrelationId,
    Guid StaffId,
    DateOnly LastDay,
    string Reason) : IIntegrationEvent;
