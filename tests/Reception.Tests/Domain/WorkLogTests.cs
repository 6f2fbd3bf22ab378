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

    [Fact]
    public void The_morning_handover_acknowledged_after_08_40_estate_local_is_late()
    {
        var day = new DateOnly(2026, 12, 1);
        // 08:40 in Shanghai is 00:40 UTC.
        var onTime = ShiftHandover.Acknowledge(Guid.NewGuid(), day, [], null, "clerk-1", "Clerk One", Shanghai, new DateTimeOffset(2026, 12, 1, 0, 40, 0, TimeSpan.Zero));
        var late = ShiftHandover.Acknowledge(Guid.NewGuid(), day, [], null, "clerk-1", "Clerk One", Shanghai, new DateTimeOffset(2026, 12, 1, 0, 41, 0, TimeSpan.Zero));

        onTime.Late.Should().BeFalse();
        late.Late.Should().BeTrue();
    }

    [Fact]
    public void A_monthly_summary_keeps_next_months_plan_and_its_author_cannot_review_it()
    {
        var month = ReportingPeriod.Containing(SummaryPeriod.Month, new DateOnly(2026, 11, 30), Shanghai);
        var report = WorkReport.Submit(Guid.NewGuid(), "clerk-1", "Clerk One", month, "November: 212 requests", "December: year-end visits", DateTimeOffset.UtcNow);

        report.Invoking(r => r.Review(true, "clerk-1", "Clerk One", null, DateTimeOffset.UtcNow)).Should().Throw<PropertyPlatform.ServiceDefaults.Problems.ForbiddenException>();
        report.Invoking(r => r.Resubmit("again", "plan", DateTimeOffset.UtcNow)).Should().Throw<PropertyPlatform.ServiceDefaults.Problems.ConflictException>("only a returned summary is rewritten");
        report.Review(false, "supervisor-1", "Supervisor", "Add the complaint figures", DateTimeOffset.UtcNow);
        report.Resubmit("November: 212 requests, 9 complaints", "December: year-end visits", DateTimeOffset.UtcNow);
        report.Review(true, "supervisor-1", "Supervisor", null, DateTimeOffset.UtcNow);

        report.FirstDay.Should().Be(new DateOnly(2026, 11, 1));
        report.NextMonthPlan.Should().Be("December: year-end visits");
        report.Status.Should().Be(WorkReportStatus.Reviewed);
        report.Invoking(r => r.Review(false, "supervisor-1", "Supervisor", "again", DateTimeOffset.UtcNow)).Should().Throw<PropertyPlatform.ServiceDefaults.Problems.ConflictException>();
    }
}
