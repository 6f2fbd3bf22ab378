using Microsoft.EntityFrameworkCore;
using PropertyPlatform.SecurityGate.Data;
using PropertyPlatform.ServiceDefaults.Calendars;

namespace PropertyPlatform.SecurityGate.Features.FireSafety;

/// <summary>Lays out the next check of every routine whose last deadline has passed (idempotent: the routine's row version moves on with them).</summary>
public static class FireCheckScheduling
{
    public static async Task<int> LayOutAsync(SecurityGateDbContext db, DateTimeOffset now, CancellationToken cancellationToken, Guid? onlyRoutineId = null)
    {
        var routineIds = await db.FireCheckRoutines.IgnoreQueryFilters().AsNoTracking()
            .Where(r => r.LaidOutUntil <= now && (onlyRoutineId == null || r.Id == onlyRoutineId)).Select(r => r.Id).ToListAsync(cancellationToken);
        var added = 0;
        foreach (var routineId in routineIds)
        {
            db.ChangeTracker.Clear();
            var routine = await db.FireCheckRoutines.IgnoreQueryFilters().SingleAsync(r => r.Id == routineId, cancellationToken);
            var known = await db.Set<KnownEstateCalendar>().AsNoTracking().SingleOrDefaultAsync(c => c.EstateId == routine.EstateId, cancellationToken);
            if (known is null)
            {
                continue;
            }

            var checks = routine.LayOut(now, known.ToCalendar());
            db.FireChecks.AddRange(checks);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                added += checks.Count;
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another runner laid them out.
            }
        }

        db.ChangeTracker.Clear();
        return added;
    }
}
