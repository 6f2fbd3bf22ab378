using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Billing.Data;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.ServiceDefaults.Hosting;

namespace PropertyPlatform.Billing.Features.Reports;

/// <summary>
/// Opens each estate's collection summary of the month by itself, on the estate's first local day of it, so the 26th is
/// watched on the SLA engine in a month without a single payment too (the first payment used to be what opened it).
/// Idempotent across runs and replicas: one summary per estate and month, opened under the same advisory lock as a payment's.
/// </summary>
public sealed class MonthlySummaryScheduler(IServiceScopeFactory scopes, TimeProvider time, ILogger<MonthlySummaryScheduler> logger)
    : PeriodicWork(scopes, time, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    protected override string Description => "Opening the month's collection summaries";

    protected override Task RunAsync(IServiceProvider services, DateTimeOffset now, CancellationToken cancellationToken) =>
        OpenDueAsync(services.GetRequiredService<BillingDbContext>(), now, estateId: null, cancellationToken);

    /// <summary>
    /// Opens the current local month's summary of every estate with a known calendar (or of <paramref name="estateId"/>
    /// alone); returns how many it opened.
    /// </summary>
    public static async Task<int> OpenDueAsync(BillingDbContext db, DateTimeOffset now, Guid? estateId, CancellationToken cancellationToken)
    {
        var estates = await db.Set<KnownEstateCalendar>().AsNoTracking()
            .Where(c => c.TimeZoneId != "" && (estateId == null || c.EstateId == estateId))
            .ToListAsync(cancellationToken);
        var opened = 0;
        foreach (var estate in estates)
        {
            var calendar = estate.ToCalendar();
            var today = calendar.LocalDay(now);
            var month = new DateOnly(today.Year, today.Month, 1);
            if (await db.MonthlySummaries.AnyAsync(s => s.EstateId == estate.EstateId && s.Month == month, cancellationToken))
            {
                continue;
            }

            var strategy = db.Database.CreateExecutionStrategy();
            opened += await strategy.ExecuteAsync(async ct =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var summary = await ReportsApi.EnsureMonthAsync(db, estate.EstateId, month, calendar, now, ct);
                var isNew = db.Entry(summary).State == EntityState.Added;
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return isNew ? 1 : 0;
            }, cancellationToken);
        }

        return opened;
    }
}
