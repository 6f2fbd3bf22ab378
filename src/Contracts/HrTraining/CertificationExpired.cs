namespace PropertyPlatform.Contracts.HrTraining;

/// <summary>
/// A certification passed its <see cref="ValidUntil"/> day without renewal. Maintenance stops dispatching the person for
/// the <see cref="Trade"/>, security-gate takes them off the <see cref="Post"/>, until <see cref="CertificationRenewed"/>.
/// </summary>
public sealed record CertificationExpired(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid EstateId,
    Guid CorrelationId,
    Guid CertificationId,
    Guid StaffId,
    string? Trade,
    string? Post,
    DateOnly ValidUntil) : IIntegrationEvent;
