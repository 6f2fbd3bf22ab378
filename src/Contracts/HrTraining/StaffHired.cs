namespace PropertyPlatform.Contracts.HrTraining;

/// <summary>
/// hr-training opened a staff member's employment file. <see cref="StaffId"/> is their identity account id (the token's
/// <c>sub</c>, the <c>TechnicianId</c> of maintenance's events); <see cref="EstateId"/> is their home estate and
/// <see cref="EstateIds"/> every estate they work in. Maintenance and security-gate add them to their staff read models
/// (off dispatch and off posts until certified).
/// </summary>
public sealed record StaffHired(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid EstateId,
    Guid CorrelationId,
    Guid StaffId,
    string DisplayName,
    string Position,
    string[] Trades,
    Guid[] EstateIds,
    DateOnly StartsOn) : IIntegrationEvent;
