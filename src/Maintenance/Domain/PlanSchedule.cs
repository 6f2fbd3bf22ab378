using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Sla;

namespace PropertyPlatform.Maintenance.Domain;

public enum FrequencyUnit
{
    Day,
    Week,
    Month,
    Year,
}

/// <summary>
/// How often a plan falls due: every <see cref="Every"/> days (daily rounds), weeks, months or years (the annual overhaul),
/// counted on the estate's calendar from the first due day.
/// </summary>
public sealed record PlanFrequency(FrequencyUnit Unit, int Every)
{
    /// <summary>
    /// The local day of occurrence <paramref name="n"/> (0 is the first). Always counted from the first day, never from the
    /// previous occurrence, so a plan on the 31st falls on the last day of a short month and is back on the 31st after it.
    /// </summary>
    public DateOnly Occurrence(DateOnly firstDay, int n) => Unit switch
    {
        FrequencyUnit.Day => firstDay.AddDays(n * Every),
        FrequencyUnit.Week => firstDay.AddDays(7 * n * Every),
        FrequencyUnit.Month => firstDay.AddMonths(n * Every),
        _ => firstDay.AddYears(n * Every),
    };

    /// <summary>
    /// How long a task of this frequency may take once due before the plan is overdue: a daily round the same day, a weekly
    /// task within 2 days, a monthly one within a week, a yearly overhaul within 30 days. The maintenance supervisor hears
    /// of the breach, the estate manager a day (a week for the overhaul) later.
    /// </summary>
    public SlaPolicy Deadline => PlanDeadlines.For(Unit);
}

public static class PlanDeadlines
{
    public static readonly SlaPolicy Daily = new(
        "plan-task-daily", SlaTimeBasis.SameLocalDay, TimeSpan.Zero, TimeSpan.FromHours(2), Chain(TimeSpan.FromDays(1)));

    public static readonly SlaPolicy Weekly = new(
        "plan-task-weekly", SlaTimeBasis.Elapsed, TimeSpan.FromDays(2), TimeSpan.FromHours(12), Chain(TimeSpan.FromDays(1)));

    public static readonly SlaPolicy Monthly = new(
        "plan-task-monthly", SlaTimeBasis.Elapsed, TimeSpan.FromDays(7), TimeSpan.FromDays(1), Chain(TimeSpan.FromDays(1)));

    public static readonly SlaPolicy Yearly = new(
        "plan-task-yearly", SlaTimeBasis.Elapsed, TimeSpan.FromDays(30), TimeSpan.FromDays(3), Chain(TimeSpan.FromDays(7)));

    public static SlaPolicy For(FrequencyUnit unit) => unit switch
    {
        FrequencyUnit.Day => Daily,
        FrequencyUnit.Week => Weekly,
        FrequencyUnit.Month => Monthly,
        _ => Yearly,
    };

    /// <summary>
    /// The policy a stored clock runs under. An unknown name falls back to <see cref="Daily"/>, which the clock then
    /// refuses, so the monitor parks that one clock instead of failing the whole watch.
    /// </summary>
    public static SlaPolicy Named(string name) => new[] { Daily, Weekly, Monthly, Yearly }.FirstOrDefault(p => p.Name == name) ?? Daily;

    private static IReadOnlyList<EscalationStep> Chain(TimeSpan toManagerAfter) =>
        SlaPolicy.SupervisorThenManager(PlatformRoles.MaintenanceSupervisor, toManagerAfter);
}
