using Microsoft.EntityFrameworkCore;
using PropertyPlatform.ServiceDefaults.Sla;

namespace PropertyPlatform.ServiceDefaults.Calendars;

/// <summary>The calendars of the estates reception has announced, read from the service's own database.</summary>
public interface IEstateCalendars
{
    /// <summary>The estate's calendar, or null while reception has not announced the estate to this service.</summary>
    Task<EstateCalendar?> GetAsync(Guid estateId, CancellationToken cancellationToken = default);
}

internal sealed class EstateCalendars<TDbContext>(TDbContext db) : IEstateCalendars
    where TDbContext : DbContext
{
    public async Task<EstateCalendar?> GetAsync(Guid estateId, CancellationToken cancellationToken = default)
    {
        var known = await db.Set<KnownEstateCalendar>().AsNoTracking().SingleOrDefaultAsync(c => c.EstateId == estateId, cancellationToken);
        return known?.ToCalendar();
    }
}
