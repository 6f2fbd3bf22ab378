using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Sla;

namespace PropertyPlatform.ServiceDefaults.Tests.Sla;

public sealed class LocalDeadlineTests
{
    private static readonly EstateCalendar Shanghai = EstateCalendar.Weekdays("Asia/Shanghai", new(8, 30), new(17, 30));
    private static readonly EstateCalendar Berlin = EstateCalendar.Weekdays("Europe/Berlin", new(9, 0), new(17, 0));

    private static readonly SlaPolicy CashDeposit = SlaPolicy.ByLocalTimeOfDay("cash-deposit", new TimeOnly(17, 0), TimeSpan.FromHours(1),
        SlaPolicy.SupervisorThenManager(PlatformRoles.Cashier, TimeSpan.FromHours(2)));

    private static readonly SlaPolicy MonthlySummary = SlaPolicy.ByDayOfMonth("monthly-collection-summary", 26, TimeSpan.FromDays(2),
        SlaPolicy.SupervisorThenManager(PlatformRoles.EstateManager, TimeSpan.FromDays(1)));

    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void By_17_00_is_the_same_local_day_when_started_before_it_in_Shanghai()
    {
        // 10:00 in Shanghai (02:00 UTC): due 17:00 local, 09:00 UTC.
        var clock = SlaClock.Start(CashDeposit, Shanghai, Utc(2026, 11, 23, 2));

        clock.DueAt.Should().Be(Utc(2026, 11, 23, 9));
        clock.WarnAt.Should().Be(Utc(2026, 11, 23, 8));
    }

    [Fact]
    public void By_17_00_is_the_next_local_day_when_started_at_or_after_it()
    {
        // 17:00 sharp and 18:30 in Shanghai: the next day's 17:00.
        Shanghai.NextLocalTimeOfDay(Utc(2026, 11, 23, 9), new TimeOnly(17, 0)).Should().Be(Utc(2026, 11, 24, 9));
        Shanghai.NextLocalTimeOfDay(Utc(2026, 11, 23, 10, 30), new TimeOnly(17, 0)).Should().Be(Utc(2026, 11, 24, 9));
    }

    [Fact]
    public void By_17_00_follows_the_local_clock_across_a_daylight_saving_change()
    {
        // Saturday 2026-03-28 18:00 in Berlin is 17:00 UTC (CET); Sunday 17:00 is CEST (UTC+2): 15:00 UTC, 22 hours later.
        var due = Berlin.NextLocalTimeOfDay(Utc(2026, 3, 28, 17), new TimeOnly(17, 0));

        due.Should().Be(Utc(2026, 3, 29, 15));
        // And back in October: Sunday 2026-10-25 17:00 is CET again, 16:00 UTC.
        Berlin.NextLocalTimeOfDay(Utc(2026, 10, 24, 17), new TimeOnly(17, 0)).Should().Be(Utc(2026, 10, 25, 16));
    }

    [Fact]
    public void By_the_26th_is_the_end_of_the_26th_local_of_the_same_month_when_started_before_it()
    {
        // 2026-11-10 in Shanghai: due at the end of 26 November local, 16:00 UTC on the 26th.
        var clock = SlaClock.Start(MonthlySummary, Shanghai, Utc(2026, 11, 10, 2));

        clock.DueAt.Should().Be(Utc(2026, 11, 26, 16));
    }

    [Fact]
    public void By_the_26th_started_on_or_after_the_day_moves_to_the_next_month()
    {
        // During the 26th local it is still due that day; on the 27th local it is next month's 26th.
        Shanghai.NextDayOfMonth(Utc(2026, 11, 26, 10), 26).Should().Be(Utc(2026, 11, 26, 16));
        Shanghai.NextDayOfMonth(Utc(2026, 11, 26, 17), 26).Should().Be(Utc(2026, 12, 26, 16));
    }

    [Fact]
    public void By_day_N_at_a_stated_local_time_is_due_at_that_time()
    {
        // The 5th at 17:00 local in Shanghai: 09:00 UTC; started on the 5th at 18:00 local, next month's.
        Shanghai.NextDayOfMonth(Utc(2026, 11, 1, 2), 5, new TimeOnly(17, 0)).Should().Be(Utc(2026, 11, 5, 9));
        Shanghai.NextDayOfMonth(Utc(2026, 11, 5, 10), 5, new TimeOnly(17, 0)).Should().Be(Utc(2026, 12, 5, 9));
    }

    [Fact]
    public void A_day_past_the_end_of_February_falls_on_its_last_day()
    {
        // The 30th after 31 January: 28 February 2026 (no leap year), 29 February 2028.
        Shanghai.NextDayOfMonth(Utc(2026, 1, 31, 2), 30).Should().Be(Utc(2026, 2, 28, 16));
        Shanghai.NextDayOfMonth(Utc(2028, 2, 10, 2), 31).Should().Be(Utc(2028, 2, 29, 16));
        // March keeps its own 30th.
        Shanghai.NextDayOfMonth(Utc(2026, 3, 1, 2), 30).Should().Be(Utc(2026, 3, 30, 16));
    }

    [Fact]
    public void By_day_N_in_Berlin_counts_the_local_end_of_day_across_the_spring_change()
    {
        // The 29th of March 2026 ends at midnight CEST: 22:00 UTC.
        Berlin.NextDayOfMonth(Utc(2026, 3, 20, 12), 29).Should().Be(Utc(2026, 3, 29, 22));
    }

    [Fact]
    public void A_clock_by_a_local_time_breaches_at_that_time_to_the_first_step_of_its_chain()
    {
        var start = Utc(2026, 11, 23, 2);
        var clock = SlaClock.Start(CashDeposit, Shanghai, start);

        var breach = clock.Evaluate(CashDeposit, Utc(2026, 11, 23, 9, 1)).OfType<SlaBreachedAt>().Should().ContainSingle().Subject;

        breach.At.Should().Be(Utc(2026, 11, 23, 9));
        breach.Role.Should().Be(PlatformRoles.Cashier);
    }

    [Fact]
    public void A_paused_clock_by_a_local_time_keeps_the_time_left_and_moves_by_the_length_of_the_pause()
    {
        // 10:00 in Shanghai, due 17:00; paused 11:00 to 13:00 with 6 hours left: due 19:00 local, 11:00 UTC.
        var clock = SlaClock.Start(CashDeposit, Shanghai, Utc(2026, 11, 23, 2));
        clock.Pause(CashDeposit, Shanghai, Utc(2026, 11, 23, 3));

        clock.Resume(CashDeposit, Shanghai, Utc(2026, 11, 23, 5));

        clock.DueAt.Should().Be(Utc(2026, 11, 23, 11));
    }
}
