namespace PropertyPlatform.Contracts.Reception;

/// <summary>One weekday an estate works, from <see cref="Opens"/> to <see cref="Closes"/> in the estate's local time.</summary>
public sealed record EstateWorkingDay(DayOfWeek Day, TimeOnly Opens, TimeOnly Closes);

/// <summary>
/// An estate joined the group (or, for estates older than this event, was announced once at reception's start): every
/// service keeps its calendar locally, for local-time rules, SLA clocks and its currency.
/// </summary>
public sealed record EstateRegistered(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid EstateId,
    Guid CorrelationId,
    string Name,
    string TimeZoneId,
    string Currency,
    IReadOnlyList<EstateWorkingDay> WorkingDays) : IIntegrationEvent;

/// <summary>
/// An estate's calendar changed (time zone, working days or hours); the whole calendar is carried, so the newest event
/// (by <see cref="OccurredAt"/>) is the truth whatever order they arrive in.
/// </summary>
public sealed record EstateCalendarChanged(
    Guid EventId,
    DateTimeOffset OccurredAt,
    Guid EstateId,
    Guid CorrelationId,
    string Name,
    string TimeZoneId,
    string Currency,
    IReadOnlyList<EstateWorkingDay> WorkingDays) : IIntegrationEvent;
