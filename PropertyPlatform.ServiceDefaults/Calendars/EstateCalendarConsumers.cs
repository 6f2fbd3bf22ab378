using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Contracts.Reception;
using PropertyPlatform.ServiceDefaults.Messaging;

namespace PropertyPlatform.ServiceDefaults.Calendars;

/// <summary>A new estate (or one announced at reception's start) joins the service's calendars.</summary>
public sealed class EstateRegisteredConsumer<TDbContext>(TDbContext db, TimeProvider time)
    : IdempotentConsumer<EstateRegistered, TDbContext>(db, time)
    where TDbContext : DbContext, IOutboxDbContext
{
    protected override Task HandleAsync(EstateRegistered message, CancellationToken cancellationToken) =>
        Db.ApplyCalendarAsync(message.EstateId, message.OccurredAt, message.Name, message.TimeZoneId, message.Currency, message.WorkingDays, cancellationToken);
}

/// <summary>An estate's new calendar replaces the service's copy, unless the copy is newer.</summary>
public sealed class EstateCalendarChangedConsumer<TDbContext>(TDbContext db, TimeProvider time)
    : IdempotentConsumer<EstateCalendarChanged, TDbContext>(db, time)
    where TDbContext : DbContext, IOutboxDbContext
{
    protected override Task HandleAsync(EstateCalendarChanged message, CancellationToken cancellationToken) =>
        Db.ApplyCalendarAsync(message.EstateId, message.OccurredAt, message.Name, message.TimeZoneId, message.Currency, message.WorkingDays, cancellationToken);
}

internal static class EstateCalendarUpdates
{
    public static async Task ApplyCalendarAsync(this DbContext db, Guid estateId, DateTimeOffset occurredAt, string name, string timeZoneId,
        string currency, IReadOnlyList<EstateWorkingDay> workingDays, CancellationToken cancellationToken)
    {
        var calendars = db.Set<KnownEstateCalendar>();
        var calendar = await calendars.SingleOrDefaultAsync(c => c.EstateId == estateId, cancellationToken);
        if (calendar is null)
        {
            calendar = KnownEstateCalendar.Unknown(estateId);
            calendars.Add(calendar);
        }

        calendar.Apply(occurredAt, name, timeZoneId, currency, workingDays);
    }
}
