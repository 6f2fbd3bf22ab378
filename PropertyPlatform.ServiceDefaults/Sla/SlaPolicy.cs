namespace PropertyPlatform.ServiceDefaults.Sla;

/// <summary>How a deadline's time is counted.</summary>
public enum SlaTimeBasis
{
    /// <summary>Around the clock (24-hour duty): the 5-minute routing rule, the 24-hour callback.</summary>
    Elapsed,

    /// <summary>Only the estate's working hours, in its time zone: office deadlines.</summary>
    WorkingHours,

    /// <summary>By the end of the estate-local day the clock starts on: "feedback the same day".</summary>
    SameLocalDay,

    /// <summary>By a fixed estate-local time of day (<see cref="SlaPolicy.TimeOfDay"/>): "the day's cash deposited by 17:00".</summary>
    LocalTimeOfDay,

    /// <summary>By day N of the month (<see cref="SlaPolicy.DayOfMonth"/>), estate-local: "the monthly summary by the 26th".</summary>
    /// <remarks>
    /// For this and <see cref="LocalTimeOfDay"/>, a paused clock keeps the time that was left and counts it around the
    /// clock when resumed: the wall-clock deadline moves by the length of the pause, as it does for any other rule.
    /// </remarks>
    DayOfMonth,
}

/// <summary>
/// Who hears about a late task, and when. The first step is told at the breach itself (its <see cref="AfterBreach"/>
/// is zero), each later one when the task is still open that long after the breach.
/// </summary>
public sealed record EscalationStep(TimeSpan AfterBreach, string Role);

/// <summary>
/// A deadline rule of the group's standards: how long, counted how, when to warn, and whom to escalate to.
/// Policies are constants in the service that owns the rule; the clock they start is stored with the record.
/// </summary>
public sealed record SlaPolicy(
    string Name,
    SlaTimeBasis Basis,
    TimeSpan Duration,
    TimeSpan WarningBefore,
    IReadOnlyList<EscalationStep> Escalation)
{
    /// <summary>For <see cref="SlaTimeBasis.LocalTimeOfDay"/>, and optionally <see cref="SlaTimeBasis.DayOfMonth"/>: the estate-local time it is due.</summary>
    public TimeOnly? TimeOfDay { get; init; }

    /// <summary>For <see cref="SlaTimeBasis.DayOfMonth"/>: the day (1-31; a shorter month uses its last day).</summary>
    public int? DayOfMonth { get; init; }

    /// <summary>
    /// Due at the first estate-local <paramref name="timeOfDay"/> after the clock starts (the same day's, or the next
    /// day's when the start is at or after it). <see cref="SlaPolicy.Duration"/> is zero: the wall clock decides.
    /// </summary>
    public static SlaPolicy ByLocalTimeOfDay(string name, TimeOnly timeOfDay, TimeSpan warningBefore, IReadOnlyList<EscalationStep> escalation) =>
        new(name, SlaTimeBasis.LocalTimeOfDay, TimeSpan.Zero, warningBefore, escalation) { TimeOfDay = timeOfDay };

    /// <summary>
    /// Due on the next day <paramref name="dayOfMonth"/> after the clock starts, at the end of that estate-local day
    /// or at <paramref name="timeOfDay"/> when given.
    /// </summary>
    public static SlaPolicy ByDayOfMonth(
        string name, int dayOfMonth, TimeSpan warningBefore, IReadOnlyList<EscalationStep> escalation, TimeOnly? timeOfDay = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dayOfMonth, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dayOfMonth, 31);
        return new(name, SlaTimeBasis.DayOfMonth, TimeSpan.Zero, warningBefore, escalation) { DayOfMonth = dayOfMonth, TimeOfDay = timeOfDay };
    }

    /// <summary>
    /// The group's chain for a service: its supervisor hears of the breach, the estate manager when the task is still
    /// open <paramref name="toManagerAfter"/> later. Each service names its supervisor role once, here or beside its policies.
    /// </summary>
    public static IReadOnlyList<EscalationStep> SupervisorThenManager(string supervisorRole, TimeSpan toManagerAfter) =>
    [
        new(TimeSpan.Zero, supervisorRole),
        new(toManagerAfter, Security.PlatformRoles.EstateManager),
    ];

    /// <summary>Reception's chain: the clerk holding the task is warned, the CS supervisor hears of the breach, the estate manager later.</summary>
    public static IReadOnlyList<EscalationStep> FrontDeskChain(TimeSpan toManagerAfter) =>
        SupervisorThenManager(Security.PlatformRoles.CustomerServiceSupervisor, toManagerAfter);

    /// <summary>Security-gate's chain: the security supervisor, then the estate manager.</summary>
    public static IReadOnlyList<EscalationStep> SecurityChain(TimeSpan toManagerAfter) =>
        SupervisorThenManager(Security.PlatformRoles.SecuritySupervisor, toManagerAfter);

    /// <summary>The deadline of a clock started at <paramref name="start"/>.</summary>
    public DateTimeOffset FirstDue(DateTimeOffset start, EstateCalendar calendar) => Basis switch
    {
        SlaTimeBasis.SameLocalDay => calendar.EndOfLocalDay(start),
        SlaTimeBasis.LocalTimeOfDay => calendar.NextLocalTimeOfDay(
            start, TimeOfDay ?? throw new InvalidOperationException($"Policy '{Name}' has no time of day.")),
        SlaTimeBasis.DayOfMonth => calendar.NextDayOfMonth(
            start, DayOfMonth ?? throw new InvalidOperationException($"Policy '{Name}' has no day of the month."), TimeOfDay),
        _ => DueFrom(start, Duration, calendar),
    };

    /// <summary>When the time given is used up, counting from <paramref name="start"/>.</summary>
    public DateTimeOffset DueFrom(DateTimeOffset start, TimeSpan remaining, EstateCalendar calendar) => Basis switch
    {
        SlaTimeBasis.WorkingHours => calendar.AddWorkingTime(start, remaining),
        _ => start + remaining,
    };

    /// <summary>How much of the time is left at <paramref name="at"/>, before <paramref name="due"/>.</summary>
    public TimeSpan Remaining(DateTimeOffset at, DateTimeOffset due, EstateCalendar calendar) => Basis switch
    {
        SlaTimeBasis.WorkingHours => calendar.WorkingTimeBetween(at, due),
        _ => due > at ? due - at : TimeSpan.Zero,
    };
}
