namespace PropertyPlatform.Contracts.HrTraining;

/// <summary>
/// A certification was renewed (re-training passed) and is valid to the new <see cref="ValidUntil"/>; if it had
/// expired, maintenance may dispatch the person for the trade again and security-gate may put them back on the post.
/// </summary>
public sealed record CertificationRenewed(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid EstateId,
    Guid CorrelationId,
    Guid CertificationId,
    Guid StaffId,
    string? Trade,
    string? Post,
    DateOnly PreviousValidUntil,
    DateOnly ValidUntil) : IIntegrationEvent;
