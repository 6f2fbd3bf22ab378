using PropertyPlatform.Contracts.Reception;
using PropertyPlatform.ServiceDefaults.Calendars;

namespace PropertyPlatform.ServiceDefaults.Tests.Calendars;

public sealed class KnownEstateCalendarTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 1, 4, 0, 0, TimeSpan.Zero);

    private static EstateWorkingDay[] Days(params DayOfWeek[] days) => [.. days.Select(day => new EstateWorkingDay(day, new(8, 30), new(17, 30)))];

    [Fact]
    public void An_older_announcement_arriving_after_a_newer_one_changes_nothing()
    {
        var known = KnownEstateCalendar.Unknown(Guid.NewGuid());
        known.Apply(Noon, "North Garden", "Asia/Hong_Kong", "HKD", Days(DayOfWeek.Saturday)).Should().BeTrue();

        known.Apply(Noon.AddMinutes(-1), "North Garden", "Asia/Tokyo", "JPY", Days(DayOfWeek.Sunday)).Should().BeFalse();
        known.Apply(Noon, "North Garden", "Asia/Tokyo", "JPY", Days(DayOfWeek.Sunday)).Should().BeFalse("a copy of the same instant is no newer");

        known.TimeZoneId.Should().Be("Asia/Hong_Kong");
        known.Currency.Should().Be("HKD");
        known.WorkingDays.Should().Equal(new KnownWorkingDay(DayOfWeek.Saturday, new(8, 30), new(17, 30)));
    }

    [Fact]
    public void A_known_calendar_counts_working_time_in_the_estates_zone_and_days()
    {
        var known = KnownEstateCalendar.Unknown(Guid.NewGuid());
        known.Apply(Noon, "North Garden", "Asia/Shanghai", "CNY", Days(DayOfWeek.Monday, DayOfWeek.Tuesday));

        var calendar = known.ToCalendar();

        // Tuesday 2026-12-01 17:00 Shanghai: half an hour left that day, closed until Monday 08:30, then half an hour.
        calendar.AddWorkingTime(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(1))
            .Should().Be(new DateTimeOffset(2026, 12, 7, 1, 0, 0, TimeSpan.Zero));
    }
}
