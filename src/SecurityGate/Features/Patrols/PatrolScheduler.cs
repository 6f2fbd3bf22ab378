using Microsoft.EntityFrameworkCore;
using PropertyPlatform.SecurityGate.Data;
using PropertyPlatform.ServiceDefaults.Calendars;

namespace PropertyPlatform.SecurityGate.Features.Patrols;

/// <summary>
/// Lays out the rounds of every route a day ahead, so each checkpoint has its deadline before it is due. Idempotent across
/// runs and replicas: the route's row version moves on with the visits it laid out, in one save; a second runner's fails.
/// </summary>
public static class PatrolScheduler
{
    public static readonly TimeSpan Horizon = TimeSpan.FromDays(1);

    /// <summary>Lays out the rounds starting by <paramref name="now"/> + <see cref="Horizon"/>; returns how many visits were added.</summary>
    public static async Task<int> LayOutAsync(SecurityGateDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var until = now + Horizon;
        var routeIds = await db.Routes.IgnoreQueryFilters().AsNoTracking().Where(r => r.ScheduledUntil < until).Select(r => r.Id).ToListAsync(cancellationToken);
        var added = 0;
        foreach (var routeId in routeIds)
        {
            db.ChangeTracker.Clear();
            var route = await db.Routes.IgnoreQueryFilters().SingleAsync(r => r.Id == routeId, cancellationToken);
            var known = await db.Set<KnownEstateCalendar>().AsNoTracking().SingleOrDefaultAsync(c => c.EstateId == route.EstateId, cancellationToken);
            if (known is null)
            {
                continue;
            }

            var visits = route.LayOutRounds(until, known.ToCalendar());
            db.CheckpointVisits.AddRange(visits);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                added += visits.Count;
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another runner laid these rounds out.
            }
        }

        db.ChangeTracker.Clear();
        return added;
    }
}
