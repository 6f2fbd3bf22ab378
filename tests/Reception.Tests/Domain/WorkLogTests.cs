using PropertyPlatform.Reception.Domain;
using PropertyPlatform.ServiceDefaults.Sla;

namespace PropertyPlatform.Reception.Tests.Domain;

public sealed class WorkLogTests
{
    private static readonly EstateCalendar Shanghai = EstateCalendar.Weekdays("Asia/Shanghai", new(8, 30), new(17, 30));

    private static readonly EstateCalendar Berlin = EstateCalendar.Weekdays("Europe/Berlin", new(8, 0), new(17, 0));

    [Fact]
    public void A_day_runs_from_local_midnight_to_local_midnight()
    {
        var day = ReportingPeriod.Containing(SummaryPeriod.Day, new DateOnly(2026, 11, 25), Shanghai);

        day.FirstDay.Should().Be(new DateOnly(2026, 11, 25));
        day.LastDay.Should().Be(new DateOnly(2026, 11, 25));
        day.From.Should().Be(new DateTimeOffset(2026, 11, 24, 16, 0, 0, TimeSpan.Zero));
        day.To.Should().Be(new DateTimeOffset(2026, 11, 25, 16, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void A_week_runs_Monday_to_Sunday_in_the_estates_time_zone()
    {
        // Sunday 29 November 2026 belongs to the week that began on Monday the 23rd.
        var week = ReportingPeriod.Containing(SummaryPeriod.Week, new DateOnly(2026, 11, 29), Shanghai);

        week.FirstDay.Should().Be(new DateOnly(2026, 11, 23));
        week.LastDay.Should().Be(new DateOnly(2026, 11, 29));
        week.From.Should().Be(new DateTimeOffset(2026, 11, 22, 16, 0, 0, TimeSpan.Zero));
        week.To.Should().Be(new DateTimeOffset(2026, 11, 29, 16, 0, 0, TimeSpan.Zero));
        ReportingPeriod.Containing(SummaryPeriod.Week, new DateOnly(2026, 11, 23), Shanghai).Should().Be(week);
    }

    [Fact]
    public void A_month_runs_from_the_first_local_midnight_to_the_next_months()
    {
        var month = ReportingPeriod.Containing(SummaryPeriod.Month, new DateOnly(2026, 2, 14), Shanghai);

        month.FirstDay.Should().Be(new DateOnly(2026, 2, 1));
        month.LastDay.Should().Be(new DateOnly(2026, 2, 28));
        month.From.Should().Be(new DateTimeOffset(2026, 1, 31, 16, 0, 0, TimeSpan.Zero));
        month.To.Should().Be(new DateTimeOffset(2026, 2, 28, 16, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void A_month_spanning_a_clock_change_is_bounded_by_local_midnights()
    {
        // Berlin moves from UTC+1 to UTC+2 on 29 March 2026.
        var month = ReportingPeriod.Containing(SummaryPeriod.Month, new DateOnly(2026, 3, 10), Berlin);

        month.From.Should().Be(new DateTimeOffset(2026, 2, 28, 23, 0, 0, TimeSpan.Zero));
        month.To.Should().Be(new DateTimeOffset(2026, 3, 31, 22, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void A_log_entry_is_for_todays_or_yesterdays_local_shift()
    {
        // 23:30 on 25 November in Shanghai.
        var lateEvening = new DateTimeOffset(2026, 11, 25, 15, 30, 0, TimeSpan.Zero);

        var today = WorkLogEntry.Write(Guid.NewGuid(), "clerk-1", "Clerk Li", new DateOnly(2026, 11, 25), " Handed over keys ", Shanghai, lateEvening);
        var nightShift = () => WorkLogEntry.Write(Guid.NewGuid(), "clerk-1", "Clerk Li", new DateOnly(2026, 11, 24), "Night shift", Shanghai, lateEvening);
        var tomorrow = () => WorkLogEntry.Write(Guid.NewGuid(), "clerk-1", "Clerk Li", new DateOnly(2026, 11, 26), "Too early", Shanghai, lateEvening);
        var lastWeek = () => WorkLogEntry.Write(Guid.NewGuid(), "clerk-1", "Clerk Li", new DateOnly(2026, 11, 20), "Too late", Shanghai, lateEvening);

        today.Text.Should().Be("Handed over keys");
        nightShift.Should().NotThrow();
        tomorrow.Should().Throw<ArgumentException>();
        lastWeek.Should().Throw<ArgumentException>();
    }
}
