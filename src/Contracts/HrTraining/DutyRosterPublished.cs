namespace PropertyPlatform.Contracts.HrTraining;

/// <summary>
/// hr-training published (or republished) the duty roster of one estate for one estate-local <see cref="Day"/>. It is the
/// whole day's roster and replaces any earlier one for that estate and day, so consumers keep the latest and need no
/// merging. Maintenance dispatches only to technicians on duty; security-gate staffs its posts from it.
/// </summary>
public sealed record DutyRosterPublished(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid EstateId,
    Guid CorrelationId,
    DateOnly Day,
    DutyAssignment[] Assignments) : IIntegrationEvent;

/// <summary>
/// One staff member's shift on the roster (<c>day</c>, <c>night</c>...), from <see cref="StartsAt"/> to
/// <see cref="EndsAt"/> (UTC; a night shift ends the next day), at a gate <see cref="Post"/> or for a maintenance
/// <see cref="Trade"/>, or neither for other duties.
/// </summary>
public sealed record DutyAssignment(
    Guid StaffId,
    string Shift,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string? Post,
    string? Trade);
