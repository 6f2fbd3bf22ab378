using PropertyPlatform.HrTraining.Domain;
using PropertyPlatform.ServiceDefaults.Sla;

namespace PropertyPlatform.HrTraining.Tests.Domain;

public sealed class ShiftTimesTests
{
    private static readonly EstateCalendar Shanghai = EstateCalendar.Weekdays("Asia/Shanghai", new(8, 30), new(17, 30));
    private static readonly AttendanceSettings Standard = AttendanceSettings.Defaults(Guid.NewGuid());

    private static DateTimeOffset At(EstateCalendar calendar, DateOnly day, int hour, int minute) => calendar.ToInstant(day, new(hour, minute));

    private static ShiftTimes DayShift(DateOnly day, EstateCalendar? calendar = null, AttendanceSettings? settings = null)
    {
        calendar ??= Shanghai;
        return ShiftTimes.Of(day, At(calendar, day, 8, 0), At(calendar, day, 17, 30), settings ?? Standard, calendar);
    }

    [Fact]
    public void A_day_shift_signs_in_by_0820_and_out_after_1730_in_winter_estate_local()
    {
        var day = new DateOnly(2027, 1, 12);

        var times = DayShift(day);

        times.SignInBy.Should().Be(new DateTimeOffset(2027, 1, 12, 0, 20, 0, TimeSpan.Zero), "08:20 in Shanghai is 00:20 UTC");
        times.SignOutFrom.Should().Be(At(Shanghai, day, 17, 30));
        times.MinutesLate(At(Shanghai, day, 8, 20)).Should().Be(0);
        times.MinutesLate(At(Shanghai, day, 8, 20).AddSeconds(30)).Should().Be(1, "a started minute late is a minute late");
        times.MinutesLate(At(Shanghai, day, 8, 45)).Should().Be(25);
        times.MinutesEarly(At(Shanghai, day, 17, 0)).Should().Be(30);
        times.MinutesEarly(At(Shanghai, day, 17, 30)).Should().Be(0);
    }

    [Fact]
    public void In_summer_the_day_shift_signs_out_after_1800()
    {
        var day = new DateOnly(2027, 7, 12);

        var times = DayShift(day);

        times.SignOutFrom.Should().Be(At(Shanghai, day, 18, 0));
        times.MinutesEarly(At(Shanghai, day, 17, 45)).Should().Be(15);
    }

    [Fact]
    public void Which_months_are_summer_and_the_times_themselves_are_the_estates_settings()
    {
        var settings = AttendanceSettings.Defaults(Guid.NewGuid());
        settings.Change(new(8, 0), new(8, 0), new(8, 10), new(8, 10), new(8, 20), new(17, 0), new(19, 0), [6, 7], "manager", DateTimeOffset.UtcNow);

        DayShift(new DateOnly(2027, 5, 12), settings: settings).SignOutFrom.Should().Be(At(Shanghai, new DateOnly(2027, 5, 12), 17, 0), "May is winter here");
        DayShift(new DateOnly(2027, 6, 12), settings: settings).SignOutFrom.Should().Be(At(Shanghai, new DateOnly(2027, 6, 12), 19, 0));
        DayShift(new DateOnly(2027, 6, 12), settings: settings).SignInBy.Should().Be(At(Shanghai, new DateOnly(2027, 6, 12), 8, 0));
    }

    [Fact]
    public void The_times_follow_the_estates_own_clock_across_daylight_saving()
    {
        var london = EstateCalendar.Weekdays("Europe/London", new(8, 30), new(17, 30));

        DayShift(new DateOnly(2027, 7, 12), london).SignInBy.Should().Be(new DateTimeOffset(2027, 7, 12, 7, 20, 0, TimeSpan.Zero), "08:20 BST");
        DayShift(new DateOnly(2027, 1, 12), london).SignInBy.Should().Be(new DateTimeOffset(2027, 1, 12, 8, 20, 0, TimeSpan.Zero), "08:20 GMT");
    }

    [Fact]
    public void A_night_shift_signs_in_by_its_start_and_stays_for_the_morning_handover()
    {
        var day = new DateOnly(2027, 1, 12);

        var times = ShiftTimes.Of(day, At(Shanghai, day, 20, 0), At(Shanghai, day.AddDays(1), 8, 0), Standard, Shanghai);

        times.SignInBy.Should().Be(At(Shanghai, day, 20, 0));
        times.SignOutFrom.Should().Be(At(Shanghai, day.AddDays(1), 8, 40), "the handover with the day shift runs to 08:40");
        times.MinutesEarly(At(Shanghai, day.AddDays(1), 8, 5)).Should().Be(35);
    }

    [Fact]
    public void An_afternoon_shift_is_judged_by_its_rostered_start_and_end()
    {
        var day = new DateOnly(2027, 1, 12);

        var times = ShiftTimes.Of(day, At(Shanghai, day, 14, 0), At(Shanghai, day, 22, 0), Standard, Shanghai);

        times.SignInBy.Should().Be(At(Shanghai, day, 14, 0));
        times.SignOutFrom.Should().Be(At(Shanghai, day, 22, 0));
    }
}
