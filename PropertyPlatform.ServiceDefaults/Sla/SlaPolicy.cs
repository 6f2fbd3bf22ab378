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
    /// <summary>The group's usual chain: the clerk holding the task is warned, the supervisor hears of the breach, the estate manager later.</summary>
    public static IReadOnlyList<EscalationStep> FrontDeskChain(TimeSpan toManagerAfter) =>
    [
        new(TimeSpan.Zero, Security.PlatformRoles.CustomerServiceSupervisor),
        new(toManagerAfter, Security.PlatformRoles.EstateManager),
    ];

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
