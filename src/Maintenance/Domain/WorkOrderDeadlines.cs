using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Sla;

namespace PropertyPlatform.Maintenance.Domain;

/// <summary>
/// How fast a work order is answered (a technician on site) and finished, per urgency. Emergencies and urgent jobs run
/// around the clock (24-hour duty); normal and planned work counts the estate's working hours. The maintenance
/// supervisor hears of a breach, the estate manager when it is still open later.
/// </summary>
public static class WorkOrderDeadlines
{
    public static readonly SlaPolicy EmergencyResponse = Policy("work-order-response-emergency", SlaTimeBasis.Elapsed, TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30));
    public static readonly SlaPolicy EmergencyCompletion = Policy("work-order-completion-emergency", SlaTimeBasis.Elapsed, TimeSpan.FromHours(4), TimeSpan.FromHours(1), TimeSpan.FromHours(1));
    public static readonly SlaPolicy UrgentResponse = Policy("work-order-response-urgent", SlaTimeBasis.Elapsed, TimeSpan.FromHours(2), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2));
    public static readonly SlaPolicy UrgentCompletion = Policy("work-order-completion-urgent", SlaTimeBasis.Elapsed, TimeSpan.FromHours(24), TimeSpan.FromHours(4), TimeSpan.FromHours(8));
    public static readonly SlaPolicy NormalResponse = Policy("work-order-response-normal", SlaTimeBasis.WorkingHours, TimeSpan.FromHours(8), TimeSpan.FromHours(2), TimeSpan.FromHours(24));
    public static readonly SlaPolicy NormalCompletion = Policy("work-order-completion-normal", SlaTimeBasis.WorkingHours, TimeSpan.FromHours(24), TimeSpan.FromHours(4), TimeSpan.FromHours(24));
    public static readonly SlaPolicy PlannedResponse = Policy("work-order-response-planned", SlaTimeBasis.WorkingHours, TimeSpan.FromHours(40), TimeSpan.FromHours(8), TimeSpan.FromHours(48));
    public static readonly SlaPolicy PlannedCompletion = Policy("work-order-completion-planned", SlaTimeBasis.WorkingHours, TimeSpan.FromHours(80), TimeSpan.FromHours(8), TimeSpan.FromHours(48));

    public static SlaPolicy Response(WorkOrderUrgency urgency) => urgency switch
    {
        WorkOrderUrgency.Emergency => EmergencyResponse,
        WorkOrderUrgency.Urgent => UrgentResponse,
        WorkOrderUrgency.Normal => NormalResponse,
        _ => PlannedResponse,
    };

    public static SlaPolicy Completion(WorkOrderUrgency urgency) => urgency switch
    {
        WorkOrderUrgency.Emergency => EmergencyCompletion,
        WorkOrderUrgency.Urgent => UrgentCompletion,
        WorkOrderUrgency.Normal => NormalCompletion,
        _ => PlannedCompletion,
    };

    /// <summary>
    /// The calendar of an estate reception has not announced to maintenance yet: UTC, open around the clock. An order
    /// opened before the announcement still gets its deadlines, counted in elapsed time rather than none at all.
    /// </summary>
    public static EstateCalendar AroundTheClock { get; } = new(
        TimeZoneInfo.Utc,
        Enum.GetValues<DayOfWeek>().ToDictionary(day => day, _ => new WorkingDay(TimeOnly.MinValue, TimeOnly.MaxValue)));

    private static SlaPolicy Policy(string name, SlaTimeBasis basis, TimeSpan duration, TimeSpan warning, TimeSpan toManagerAfter) =>
        new(name, basis, duration, warning, SlaPolicy.SupervisorThenManager(PlatformRoles.MaintenanceSupervisor, toManagerAfter));
}
