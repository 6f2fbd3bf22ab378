namespace PropertyPlatform.Contracts.Reception;

/// <summary>
/// Reception registered an owner (or resident) of one or more units. Identity opens a pending owner account that the
/// front desk activates with a one-time code. The phone number is personal data: never log it.
/// </summary>
public sealed record OwnerRegistered(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid EstateId,
    Guid CorrelationId,
    Guid OwnerId,
    string FullName,
    string PhoneNumber,
    IReadOnlyList<Guid> UnitIds) : IIntegrationEvent;
