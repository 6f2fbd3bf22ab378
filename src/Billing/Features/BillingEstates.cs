using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Billing.Data;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.ServiceDefaults.Problems;

namespace PropertyPlatform.Billing.Features;

/// <summary>The estate facts billing needs from reception's announcement: its currency and its local day.</summary>
internal static class BillingEstates
{
    /// <summary>The estate's calendar as announced; 404 for an estate the caller cannot see, 409 for one reception has not announced yet.</summary>
    public static async Task<KnownEstateCalendar> GetAsync(BillingDbContext db, Guid estateId, CancellationToken cancellationToken)
    {
        if (!db.Scope.CanSeeEstate(estateId))
        {
            throw new NotFoundException("Estate", estateId);
        }

        return await db.Set<KnownEstateCalendar>().AsNoTracking().SingleOrDefaultAsync(c => c.EstateId == estateId, cancellationToken)
            ?? throw new ConflictException($"Estate '{estateId}' has not been announced to billing by reception yet: its currency is unknown.");
    }
}
