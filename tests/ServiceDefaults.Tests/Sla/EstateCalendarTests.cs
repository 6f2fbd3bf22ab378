using PropertyPlatform.ServiceDefaults.Sla;

namespace PropertyPlatform.ServiceDefaults.Tests.Sla;

public sealed class EstateCalendarTests
{
    // 08:30–17:30, Monday to Friday.
    private static readonly EstateCalendar Shanghai = EstateCalendar.Weekdays("Asia/Shanghai", new(8, 30), new(17, 30));
    private static readonly EstateCalendar Berlin = EstateCalendar.Weekdays("Europe/Berlin", new(9, 0), new(17, 0));

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void Working_time_left_on_friday_afternoon_carries_over_to_monday_morning_in_estate_local_time()
    {
        // Friday 2026-11-20 16:30 in Shanghai is 08:30 UTC; one hour is left that day, one more on Monday from 08:30.
        var due = Shanghai.AddWorkingTime(Utc(11, 20, 8, 30), TimeSpan.FromHours(2));

        Shanghai.ToLocal(due).Should().Be(new DateTimeOffset(2026, 11, 23, 9, 30, 0, TimeSpan.FromHours(8)));
    }

    [Fact]
    public void The_same_instant_gives_different_deadlines_in_estates_of_different_time_zones()
    {
        // 2026-11-23 08:00 UTC: 16:00 in Shanghai (1.5 h left today), 09:00 in Berlin (the whole day ahead).
        var start = Utc(11, 23, 8);

        Shanghai.AddWorkingTime(start, TimeSpan.FromHours(3)).Should().Be(Utc(11, 24, 2));
        Berlin.AddWorkingTime(start, TimeSpan.FromHours(3)).Should().Be(Utc(11, 23, 11));
    }

    [Fact]
    public void Time_before_opening_and_on_the_weekend_does_not_count()
    {
        // Sunday 2026-11-22 10:00 in Shanghai: the clock waits for Monday 08:30.
        Shanghai.ToLocal(Shanghai.AddWorkingTime(Utc(11, 22, 2), TimeSpan.FromHours(1)))
            .Should().Be(new DateTimeOffset(2026, 11, 23, 9, 30, 0, TimeSpan.FromHours(8)));
        // Monday 07:00 local: from the opening, not from arrival.
        Shanghai.ToLocal(Shanghai.AddWorkingTime(Utc(11, 22, 23), TimeSpan.FromMinutes(30)))
            .Should().Be(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8)));
    }

    [Fact]
    public void Working_hours_follow_the_local_clock_across_a_daylight_saving_change()
    {
        // Friday 2026-03-27 16:00 in Berlin is 15:00 UTC (CET); Monday 30 March is CEST (UTC+2).
        var due = Berlin.AddWorkingTime(Utc(3, 27, 15), TimeSpan.FromHours(3));

        due.Should().Be(Utc(3, 30, 9), "Monday 11:00 local is 09:00 UTC after the clocks went forward");
    }

    [Fact]
    public void The_same_local_day_ends_at_local_midnight()
    {
        // 23:30 in Shanghai on 23 November is 15:30 UTC: the day ends 30 minutes later.
        Shanghai.EndOfLocalDay(Utc(11, 23, 15, 30)).Should().Be(Utc(11, 23, 16));
        // 00:10 local on 24 November (16:10 UTC on the 23rd) starts a new day.
        Shanghai.EndOfLocalDay(Utc(11, 23, 16, 10)).Should().Be(Utc(11, 24, 16));
    }

    [Fact]
    public void Working_time_between_two_instants_is_what_adding_it_back_gives()
    {
        var from = Utc(11, 20, 8, 30);
        var to = Utc(11, 25, 3);

        var between = Shanghai.WorkingTimeBetween(from, to);

        between.Should().Be(TimeSpan.FromHours(1 + 9 + 9 + 2.5));
        Shanghai.AddWorkingTime(from, between).Should().Be(to);
    }

    [Fact]
    public void Closing_before_opening_is_refused()
    {
        var make = () => new EstateCalendar(TimeZoneInfo.Utc, new Dictionary<DayOfWeek, WorkingDay> { [DayOfWeek.Monday] = new(new(18, 0), new(9, 0)) });

        make.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void The_local_day_of_an_instant_is_the_estates_not_utcs()
    {
        // 2026-11-30 16:00 UTC is midnight starting 1 December in Shanghai, still 30 November 17:00 in Berlin.
        Shanghai.LocalDay(Utc(11, 30, 16)).Should().Be(new DateOnly(2026, 12, 1));
        Shanghai.LocalDay(Utc(11, 30, 15, 59)).Should().Be(new DateOnly(2026, 11, 30));
        Berlin.LocalDay(Utc(11, 30, 16)).Should().Be(new DateOnly(2026, 11, 30));
    }
}
