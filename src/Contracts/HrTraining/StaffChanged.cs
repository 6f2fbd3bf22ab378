namespace PropertyPlatform.Contracts.HrTraining;

/// <summary>
/// A staff member's position, trades or estates changed in hr-training. It carries the whole new state, not the
/// difference, so maintenance and security-gate replace their copy and a lost or reordered event heals with the next one.
/// </summary>
public sealed record StaffChanged(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid EstateId,
    Guid CorrelationId,
    Guid StaffId,
    string DisplayName,
    string Position,
    string[] Trades,
    Guid[] EstateIds) : IIntegrationEvent;
