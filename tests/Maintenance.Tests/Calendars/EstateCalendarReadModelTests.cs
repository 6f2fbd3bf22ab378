using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PropertyPlatform.Contracts.Reception;
using PropertyPlatform.Maintenance.Data;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.ServiceDefaults.Sla;
using PropertyPlatform.TestSupport;

namespace PropertyPlatform.Maintenance.Tests.Calendars;

public sealed class EstateCalendarReadModelTests(MaintenanceService maintenance)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly Guid _estateId = Guid.NewGuid();

    private static EstateWorkingDay[] Days(TimeOnly opens, TimeOnly closes, params DayOfWeek[] days) =>
        [.. days.Select(day => new EstateWorkingDay(day, opens, closes))];

    private EstateRegistered Registered(DateTimeOffset at) => new(
        Guid.NewGuid(), at, _estateId, Guid.NewGuid(), "North Garden", "Asia/Shanghai", "CNY",
        Days(new(8, 30), new(17, 30), DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday));

    private EstateCalendarChanged Changed(DateTimeOffset at, string timeZoneId, params DayOfWeek[] days) => new(
        Guid.NewGuid(), at, _estateId, Guid.NewGuid(), "North Garden", timeZoneId, "CNY", Days(new(9, 0), new(18, 0), days));

    private Task<KnownEstateCalendar?> KnownAsync() => maintenance.InScopeAsync(sp =>
        sp.GetRequiredService<MaintenanceDbContext>().Set<KnownEstateCalendar>().AsNoTracking().SingleOrDefaultAsync(c => c.EstateId == _estateId, Ct));

    private Task<EstateCalendar?> CalendarAsync() => maintenance.InScopeAsync(sp => sp.GetRequiredService<IEstateCalendars>().GetAsync(_estateId, Ct));

    [Fact]
    public async Task A_registered_estate_calendar_reaches_maintenance_and_its_working_hours_count()
    {
        var registered = Registered(DateTimeOffset.UtcNow);

        await maintenance.Bus.Publish(registered, Ct);

        await Eventually.Async(async () => await KnownAsync() is not null, Patience, "the estate's calendar should arrive");
        var calendar = (await CalendarAsync())!;
        calendar.TimeZone.Id.Should().Be("Asia/Shanghai");
        // Friday 2026-12-04 17:00 Shanghai (09:00 UTC) plus one working hour: half an hour on Friday, the weekend closed, Monday 09:00.
        calendar.AddWorkingTime(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(1))
            .Should().Be(new DateTimeOffset(2026, 12, 7, 1, 0, 0, TimeSpan.Zero));
        (await KnownAsync())!.Currency.Should().Be("CNY");
    }

    [Fact]
    public async Task A_calendar_change_replaces_the_calendar_and_a_late_older_change_does_not_overwrite_it()
    {
        // Whole milliseconds: the database keeps microseconds, and the test compares what it stored.
        var now = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        await maintenance.Bus.Publish(Registered(now.AddMinutes(-10)), Ct);
        var newer = Changed(now, "Asia/Hong_Kong", DayOfWeek.Saturday);
        await maintenance.Bus.Publish(newer, Ct);
        await Eventually.Async(async () => (await KnownAsync())?.AsOf == newer.OccurredAt, Patience, "the newer change should apply");

        var older = Changed(now.AddMinutes(-5), "Asia/Tokyo", DayOfWeek.Sunday);
        await maintenance.Bus.Publish(older, Ct);
        await Eventually.Async(() => maintenance.InScopeAsync(sp => sp.GetRequiredService<MaintenanceDbContext>().InboxMessages
            .AnyAsync(m => m.MessageId == older.EventId, Ct)), Patience, "the older change should have been consumed");

        var known = (await KnownAsync())!;
        known.TimeZoneId.Should().Be("Asia/Hong_Kong");
        known.WorkingDays.Should().Equal(new KnownWorkingDay(DayOfWeek.Saturday, new(9, 0), new(18, 0)));
        known.AsOf.Should().Be(newer.OccurredAt);
    }

    [Fact]
    public async Task An_estate_reception_has_not_announced_has_no_calendar_yet()
    {
        (await CalendarAsync()).Should().BeNull();
    }
}
