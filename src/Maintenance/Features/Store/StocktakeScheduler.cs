using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Maintenance.Data;
using PropertyPlatform.Maintenance.Domain;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.ServiceDefaults.Data;
using PropertyPlatform.ServiceDefaults.Hosting;

namespace PropertyPlatform.Maintenance.Features.Store;

/// <summary>
/// Opens each store's stocktake of the month by itself, so the 24th is watched on the SLA engine even when nobody opened
/// it by hand. Idempotent across runs and replicas: one stocktake per estate and month (a unique index).
/// </summary>
public sealed class StocktakeScheduler(IServiceScopeFactory scopes, TimeProvider time, ILogger<StocktakeScheduler> logger)
    : PeriodicWork(scopes, time, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    protected override string Description => "Opening the month's stocktakes";

    protected override Task RunAsync(IServiceProvider services, DateTimeOffset now, CancellationToken cancellationToken) =>
        OpenDueAsync(services.GetRequiredService<MaintenanceDbContext>(), now, cancellationToken);

    /// <summary>Opens the current local month's stocktake of every estate with a store and a known calendar; returns how many it opened.</summary>
    public static async Task<int> OpenDueAsync(MaintenanceDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var estates = await db.SpareParts.IgnoreQueryFilters().Select(p => p.EstateId).Distinct().ToListAsync(cancellationToken);
        var opened = 0;
        foreach (var estateId in estates)
        {
            var known = await db.Set<KnownEstateCalendar>().AsNoTracking().SingleOrDefaultAsync(c => c.EstateId == estateId, cancellationToken);
            if (known is null)
            {
                continue;
            }

            var calendar = known.ToCalendar();
            var today = calendar.LocalDay(now);
            var month = new DateOnly(today.Year, today.Month, 1);
            if (await db.Stocktakes.IgnoreQueryFilters().AnyAsync(s => s.EstateId == estateId && s.Month == month, cancellationToken))
            {
                continue;
            }

            db.ChangeTracker.Clear();
            db.Stocktakes.Add(Stocktake.Open(estateId, month, calendar, Actor.System, now));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                opened++;
            }
            catch (DbUpdateException ex) when (ex.IsUniqueViolation())
            {
                // Opened meanwhile, by hand or by another replica.
                db.ChangeTracker.Clear();
            }
        }

        return opened;
    }
}
