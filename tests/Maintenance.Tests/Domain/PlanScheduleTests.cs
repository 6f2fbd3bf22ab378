using PropertyPlatform.Maintenance.Domain;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Sla;

namespace PropertyPlatform.Maintenance.Tests.Domain;

public sealed class PlanScheduleTests
{
    private static readonly EstateCalendar Berlin = EstateCalendar.Weekdays("Europe/Berlin", new(8, 0), new(18, 0));
    private static readonly EstateCalendar Shanghai = EstateCalendar.Weekdays("Asia/Shanghai", new(8, 30), new(17, 30));
    private static readonly Actor Supervisor = new("supervisor-1", "Li the supervisor");

    private static MaintenancePlan Plan(FrequencyUnit unit, int every, DateOnly first, TimeOnly at, EstateCalendar calendar, DateTimeOffset createdAt) =>
        MaintenancePlan.Create(Guid.NewGuid(), PlanKind.Preventive, "Pump service", null, "Pump room", Trades.Plumbing, new PlanFrequency(unit, every), first, at, [],
            calendar, Supervisor, createdAt);

    [Fact]
    public void A_monthly_plan_on_the_31st_falls_on_the_last_day_of_short_months_and_returns_to_the_31st()
    {
        var monthly = new PlanFrequency(FrequencyUnit.Month, 1);
        var first = new DateOnly(2027, 1, 31);

        Enumerable.Range(0, 4).Select(n => monthly.Occurrence(first, n)).Should().Equal(
            new DateOnly(2027, 1, 31), new DateOnly(2027, 2, 28), new DateOnly(2027, 3, 31), new DateOnly(2027, 4, 30));
        monthly.Occurrence(new DateOnly(2028, 1, 31), 1).Should().Be(new DateOnly(2028, 2, 29), "2028 is a leap year");
    }

    [Fact]
    public void An_annual_overhaul_on_29_February_falls_on_28_February_in_common_years_and_back_on_the_29th_in_leap_years()
    {
        var yearly = new PlanFrequency(FrequencyUnit.Year, 1);
        var first = new DateOnly(2028, 2, 29);

        yearly.Occurrence(first, 1).Should().Be(new DateOnly(2029, 2, 28));
        yearly.Occurrence(first, 4).Should().Be(new DateOnly(2032, 2, 29));
    }

    [Fact]
    public void Every_n_days_and_weeks_count_from_the_first_day()
    {
        var first = new DateOnly(2026, 12, 30);

        new PlanFrequency(FrequencyUnit.Day, 3).Occurrence(first, 1).Should().Be(new DateOnly(2027, 1, 2), "across the year end");
        new PlanFrequency(FrequencyUnit.Week, 2).Occurrence(first, 2).Should().Be(new DateOnly(2027, 1, 27));
    }

    [Fact]
    public void A_daily_round_stays_at_its_estate_local_time_across_the_spring_DST_change()
    {
        // Berlin moves from UTC+1 to UTC+2 on Sunday 29 March 2026.
        var daily = new PlanFrequency(FrequencyUnit.Day, 1);
        var first = new DateOnly(2026, 3, 28);

        var dues = Enumerable.Range(0, 3).Select(n => MaintenancePlan.DueAt(daily, first, new TimeOnly(8, 0), n, Berlin)).ToList();

        dues.Should().Equal(
            new DateTimeOffset(2026, 3, 28, 7, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 3, 29, 6, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 3, 30, 6, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void A_weekly_task_stays_at_its_estate_local_time_across_the_autumn_DST_change()
    {
        // Berlin moves back to UTC+1 on Sunday 25 October 2026.
        var weekly = new PlanFrequency(FrequencyUnit.Week, 1);

        MaintenancePlan.DueAt(weekly, new DateOnly(2026, 10, 20), new TimeOnly(9, 0), 0, Berlin).Should().Be(new DateTimeOffset(2026, 10, 20, 7, 0, 0, TimeSpan.Zero));
        MaintenancePlan.DueAt(weekly, new DateOnly(2026, 10, 20), new TimeOnly(9, 0), 1, Berlin).Should().Be(new DateTimeOffset(2026, 10, 27, 8, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void A_task_due_at_a_local_time_skipped_by_DST_is_due_at_the_first_valid_time_after_it()
    {
        var due = MaintenancePlan.DueAt(new PlanFrequency(FrequencyUnit.Day, 1), new DateOnly(2026, 3, 29), new TimeOnly(2, 30), 0, Berlin);

        due.Should().Be(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), "02:30 does not exist that night; 03:00 CEST is the next valid time");
    }

    [Fact]
    public void Taking_the_due_task_moves_the_plan_to_its_next_occurrence_and_a_plan_not_yet_due_refuses()
    {
        // 2027-01-31 08:00 Shanghai is 00:00 UTC.
        var first = new DateOnly(2027, 1, 31);
        var plan = Plan(FrequencyUnit.Month, 1, first, new TimeOnly(8, 0), Shanghai, new DateTimeOffset(2027, 1, 20, 0, 0, 0, TimeSpan.Zero));
        var dueAt = new DateTimeOffset(2027, 1, 31, 0, 0, 0, TimeSpan.Zero);

        var early = () => plan.TakeDueTask(dueAt.AddMinutes(-1), Shanghai);
        early.Should().Throw<ConflictException>();
        var task = plan.TakeDueTask(dueAt.AddHours(5), Shanghai);

        task.DueOn.Should().Be(first);
        task.DueAt.Should().Be(dueAt);
        plan.NextDueOn.Should().Be(new DateOnly(2027, 2, 28));
        plan.NextDueAt.Should().Be(new DateTimeOffset(2027, 2, 28, 0, 0, 0, TimeSpan.Zero));
        plan.IsDue(dueAt.AddHours(5)).Should().BeFalse();
    }

    [Fact]
    public void A_daily_round_is_overdue_after_the_end_of_its_estate_local_day_counted_from_when_it_fell_due()
    {
        var plan = Plan(FrequencyUnit.Day, 1, new DateOnly(2027, 3, 1), new TimeOnly(7, 0), Shanghai, new DateTimeOffset(2027, 2, 20, 0, 0, 0, TimeSpan.Zero));

        // The scheduler runs late (10:00 local), the deadline still counts from 07:00's day.
        var task = plan.TakeDueTask(new DateTimeOffset(2027, 3, 1, 2, 0, 0, TimeSpan.Zero), Shanghai);

        task.Done.Policy.Should().Be(PlanDeadlines.Daily.Name);
        task.Done.DueAt.Should().Be(new DateTimeOffset(2027, 3, 1, 16, 0, 0, TimeSpan.Zero), "midnight in Shanghai ends the round's day");
        task.Done.Evaluate(PlanDeadlines.Daily, task.Done.DueAt.AddMinutes(1)).OfType<SlaBreachedAt>().Should().ContainSingle()
            .Which.Role.Should().Be(ServiceDefaults.Security.PlatformRoles.MaintenanceSupervisor);
    }

    [Fact]
    public void A_monthly_task_has_a_week_and_an_annual_overhaul_thirty_days_before_the_plan_is_overdue()
    {
        var monthly = Plan(FrequencyUnit.Month, 1, new DateOnly(2027, 3, 1), new TimeOnly(8, 0), Shanghai, new DateTimeOffset(2027, 2, 20, 0, 0, 0, TimeSpan.Zero));
        var yearly = Plan(FrequencyUnit.Year, 1, new DateOnly(2027, 3, 1), new TimeOnly(8, 0), Shanghai, new DateTimeOffset(2027, 2, 20, 0, 0, 0, TimeSpan.Zero));
        var at = new DateTimeOffset(2027, 3, 1, 0, 0, 0, TimeSpan.Zero);

        monthly.TakeDueTask(at, Shanghai).Done.DueAt.Should().Be(at.AddDays(7));
        yearly.TakeDueTask(at, Shanghai).Done.DueAt.Should().Be(at.AddDays(30));
    }

    [Fact]
    public void A_task_with_a_checklist_is_done_by_its_result_not_by_its_work_orders_completion()
    {
        var at = new DateTimeOffset(2027, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var plan = MaintenancePlan.Create(Guid.NewGuid(), PlanKind.Environment, "Lobby cleaning", null, "Lobby", Trades.General,
            new PlanFrequency(FrequencyUnit.Week, 1), new DateOnly(2027, 3, 1), new TimeOnly(8, 0), ["Floor clean"], Shanghai, Supervisor, at.AddDays(-1));
        var task = plan.TakeDueTask(at, Shanghai);

        task.WorkOrderCompleted(Supervisor, at.AddHours(1));
        task.DoneAt.Should().BeNull();
        task.RecordResult([new ChecklistAnswer("Floor clean", false, "Stains by the lift")], null, Supervisor, at.AddHours(2));

        task.DoneAt.Should().Be(at.AddHours(2));
        task.Done.Met.Should().BeTrue();
        task.AllPassed.Should().BeFalse();
        var again = () => task.RecordResult([], null, Supervisor, at.AddHours(3));
        again.Should().Throw<ConflictException>();
    }
}
