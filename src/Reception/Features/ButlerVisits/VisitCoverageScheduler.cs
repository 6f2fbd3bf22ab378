using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.ServiceDefaults.Data;
using PropertyPlatform.ServiceDefaults.Hosting;

namespace PropertyPlatform.Reception.Features.ButlerVisits;

/// <summary>
/// From 1 November (estate-local) counts each estate's households still short of their visits of the year: the first
/// count with any short opens the year's deadline (<see cref="VisitCoverageYear"/>: the desk is warned, the year's end
/// is the breach), and each later count completes it once none are short. Safe to run anywhere, any number of times.
/// </summary>
public sealed class VisitCoverageScheduler(IServiceScopeFactory scopes, TimeProvider time, ILogger<VisitCoverageScheduler> logger)
    : PeriodicWork(scopes, time, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    protected override string Description => "Counting the home-visit coverage";

    protected override Task RunAsync(IServiceProvider services, DateTimeOffset now, CancellationToken cancellationToken) =>
        CountAsync(services.GetRequiredService<ReceptionDbContext>(), now, cancellationToken);

    /// <summary>Counts every estate in its warning period (one query per estate); returns how many deadlines it opened.</summary>
    public static Task<int> CountAsync(ReceptionDbContext db, DateTimeOffset now, CancellationToken cancellationToken) =>
        CountAsync(db, db.Estates, now, cancellationToken);

    /// <summary>The same count for one estate only.</summary>
    public static Task<int> CountAsync(ReceptionDbContext db, Guid estateId, DateTimeOffset now, CancellationToken cancellationToken) =>
        CountAsync(db, db.Estates.Where(e => e.Id == estateId), now, cancellationToken);

    private static async Task<int> CountAsync(ReceptionDbContext db, IQueryable<Estate> estates, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var opened = 0;
        foreach (var estate in await estates.AsNoTracking().ToListAsync(cancellationToken))
        {
            var calendar = estate.Calendar();
            var today = calendar.LocalDay(now);
            if (today < VisitCoverageYear.WarningDay(today.Year))
            {
                continue;
            }

            var deadline = await db.VisitCoverageYears.SingleOrDefaultAsync(y => y.EstateId == estate.Id && y.Year == today.Year, cancellationToken);
            if (deadline?.Due.CompletedAt is not null)
            {
                continue;
            }

            var (from, to) = ButlerVisit.LocalYear(calendar, today.Year);
            var shortHouseholds = await ButlerVisitsApi.ShortHouseholds(db, estate.Id, calendar, from, to).CountAsync(cancellationToken);
            if (deadline is not null)
            {
                deadline.Recount(shortHouseholds, now);
            }
            else if (shortHouseholds > 0)
            {
                db.VisitCoverageYears.Add(VisitCoverageYear.Open(estate.Id, today.Year, shortHouseholds, calendar, now));
                opened++;
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException ex) when (ex.IsUniqueViolation())
            {
                // Another replica opened it first.
                opened--;
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }

        return opened;
    }
}
