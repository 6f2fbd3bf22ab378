using Microsoft.EntityFrameworkCore;
using PropertyPlatform.HrTraining.Data;
using PropertyPlatform.HrTraining.Domain;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.ServiceDefaults.Hosting;

namespace PropertyPlatform.HrTraining.Features.Staff;

/// <summary>
/// Ends the employments recorded with a last day still to come once that day is over in the home estate
/// (<c>EmploymentEnded</c>: identity disables the account then, not when the notice was given). Runs every 15 minutes,
/// so each estate's midnight is acted on shortly after. Each employment ends once: the end and the event are saved
/// together, and a second run (or instance) at the same time loses on the row version.
/// </summary>
public sealed class EmploymentEndings(IServiceScopeFactory scopes, TimeProvider time, ILogger<EmploymentEndings> logger)
    : PeriodicWork(scopes, time, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromMinutes(15);

    protected override string Description => "Ending employments whose last day is over";

    protected override async Task RunAsync(IServiceProvider services, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ended = await EndDueAsync(
            services.GetRequiredService<HrTrainingDbContext>(), services.GetRequiredService<IEstateCalendars>(), now, logger, cancellationToken);
        if (ended > 0)
        {
            logger.LogInformation("Ended {Count} employments whose last day is over", ended);
        }
    }

    /// <summary>Ends every employment whose recorded last day is over at <paramref name="now"/>; returns how many this run ended.</summary>
    public static async Task<int> EndDueAsync(
        HrTrainingDbContext db, IEstateCalendars calendars, DateTimeOffset now, ILogger logger, CancellationToken cancellationToken)
    {
        now = now.ToUniversalTime();
        // No estate's local day is later than the UTC day after, so only a last day before it can be over anywhere.
        var latestLastDay = DateOnly.FromDateTime(now.UtcDateTime);
        var candidates = await db.Staff.IgnoreQueryFilters().AsNoTracking()
            .Where(s => s.Status == EmploymentStatus.Active && s.LastDay != null && s.LastDay <= latestLastDay)
            .Select(s => new { s.Id, s.EstateId })
            .ToListAsync(cancellationToken);

        var ended = 0;
        foreach (var estate in candidates.GroupBy(c => c.EstateId))
        {
            var calendar = await calendars.GetAsync(estate.Key, cancellationToken);
            if (calendar is null)
            {
                logger.LogWarning("Estate {EstateId} has no calendar yet; the employments ending there wait for it", estate.Key);
                continue;
            }

            var today = calendar.LocalDay(now);
            foreach (var id in estate.Select(c => c.Id))
            {
                db.ChangeTracker.Clear();
                var staff = await db.Staff.IgnoreQueryFilters().SingleAsync(s => s.Id == id, cancellationToken);
                if (!staff.EndIsDue(today) || !staff.End(staff.LastDay!.Value, staff.EndReason!, now))
                {
                    continue;
                }

                StaffApi.Announce(db, staff, Guid.NewGuid(), now);
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    ended++;
                }
                catch (DbUpdateConcurrencyException)
                {
                    // Another run ended it meanwhile (or HR changed the file): its outcome stands.
                }
            }
        }

        db.ChangeTracker.Clear();
        return ended;
    }
}
