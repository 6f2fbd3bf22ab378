namespace PropertyPlatform.Contracts.HrTraining;

/// <summary>
/// A staff member passed the training for a trade (maintenance: <c>plumbing</c>, <c>electrical</c>...) or a post
/// (security-gate: <c>gate</c>, <c>patrol</c>...) in the estate: nobody goes on duty before this (培训合格后方可上岗).
/// Exactly one of <see cref="Trade"/> and <see cref="Post"/> is set. <see cref="ValidUntil"/> is the last estate-local day
/// it is valid. Maintenance may dispatch them for the trade, security-gate may put them on the post.
/// </summary>
public sealed record CertificationGranted(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid EstateId,
    Guid CorrelationId,
    Guid CertificationId,
    Guid StaffId,
    string? Trade,
    string? Post,
    DateOnly ValidUntil) : IIntegrationEvent;
