namespace PropertyPlatform.Contracts.HrTraining;

/// <summary>
/// hr-training withdrew a certification before its <see cref="ValidUntil"/> day (a failed re-training, a disciplinary
/// step). Maintenance and security-gate treat it as expired: off dispatch for the trade, off the post.
/// </summary>
public sealed record CertificationRevoked(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid EstateId,
    Guid CorrelationId,
    Guid CertificationId,
    Guid StaffId,
    string? Trade,
    string? Post,
    DateOnly ValidUntil,
    string Reason) : IIntegrationEvent;
