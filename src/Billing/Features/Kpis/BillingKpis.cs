using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Billing.Data;
using PropertyPlatform.Billing.Features.CashierDays;
using PropertyPlatform.Billing.Features.Reports;
using PropertyPlatform.ServiceDefaults.Kpis;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Sla;

namespace PropertyPlatform.Billing.Features.Kpis;

/// <summary>
/// Billing's standards (domain.md, Billing) over an estate-local month, in the platform's KPI shape. The collection rate
/// counts items (due in the month and paid in full by its end), as KPIs are counts; the amounts are in the monthly report.
/// Only deadlines that have passed (or were met early) are measured, so a month under way is not judged on the future.
/// </summary>
[KpiRecords(typeof(ReportsApi), nameof(ReportsApi.Monthly))]
[KpiRecords(typeof(ReportsApi), nameof(ReportsApi.Weekly))]
[KpiRecords(typeof(CashierDaysApi), nameof(CashierDaysApi.Reconcile))]
public static class BillingKpis
{
    /// <summary>The group's collection target; domain.md sets no figure, so this is the group's usual 95%.</summary>
    public const decimal CollectionRateTarget = 0.95m;

    public const decimal OnTimeTarget = 1.00m;

    public static RouteGroupBuilder MapBillingKpisApi(this RouteGroupBuilder api)
    {
        api.MapGet("/kpis", Monthly).WithTags("KPIs").RequireRoles(BillingRoles.Readers);
        return api;
    }

    public static async Task<Ok<KpiReport>> Monthly(
        BillingDbContext db, EstateScope scope, TimeProvider time, Guid? estateId, string? month, CancellationToken cancellationToken)
    {
        var period = KpiPeriod.Parse(estateId, month, scope);
        var estate = await BillingEstates.GetAsync(db, period.EstateId, cancellationToken);
        var calendar = estate.ToCalendar();
        var (first, last) = (period.FirstDay, period.FirstDay.AddMonths(1).AddDays(-1));
        var now = time.GetUtcNow();
        var today = calendar.LocalDay(now);

        var collection = await CollectionFigures.ComputeAsync(db, estate.EstateId, period.Month, first, last, calendar, estate.Currency, cancellationToken);

        var deposits = db.CashierDays.AsNoTracking().Where(d => d.EstateId == estate.EstateId && d.Day >= first && d.Day <= last
            && (d.Deposit.CompletedAt != null || d.Deposit.DueAt <= now));
        var depositDays = await deposits.CountAsync(cancellationToken);
        var depositedInTime = await deposits.CountAsync(
            d => d.Deposit.CompletedAt != null && d.Deposit.BreachedAt == null && d.Deposit.CompletedAt <= d.Deposit.DueAt, cancellationToken);

        var endedWeeks = Enumerable.Range(0, last.DayNumber - first.DayNumber + 1).Select(first.AddDays)
            .Where(d => d.DayOfWeek == DayOfWeek.Monday && d.AddDays(7) <= today).ToList();
        var weeksSubmitted = await db.WeeklySummaries.AsNoTracking()
            .CountAsync(s => s.EstateId == estate.EstateId && endedWeeks.Contains(s.Week), cancellationToken);

        var monthly = await db.MonthlySummaries.AsNoTracking().SingleOrDefaultAsync(s => s.EstateId == estate.EstateId && s.Month == first, cancellationToken);
        var monthlyDue = calendar.NextDayOfMonth(calendar.ToInstant(first, TimeOnly.MinValue), 26);
        var monthlyMeasured = monthly?.SubmittedAt is not null || now >= monthlyDue ? 1 : 0;
        var monthlyInTime = monthly?.Due is { } clock && clock.CompletedAt is not null && clock.BreachedAt is null && clock.CompletedAt <= clock.DueAt ? 1 : 0;

        var reports = $"/api/billing/reports/collection/monthly?estateId={estate.EstateId}&month={period.Month}";
        return TypedResults.Ok(period.Report(
        [
            Kpi.Measure("collection-rate", "Items due in the month are paid in full by its end.", CollectionRateTarget,
                collection.ByFeeItem.Sum(f => f.ItemsPaid), collection.ByFeeItem.Sum(f => f.ItemsDue), reports),
            Kpi.Measure("deposits-by-1700", "Each cashier's cash is deposited by 17:00 estate time.", OnTimeTarget,
                depositedInTime, depositDays, $"/api/billing/cashier-days?estateId={estate.EstateId}"),
            Kpi.Measure("weekly-summary", "A collection summary is submitted for every week.", OnTimeTarget,
                weeksSubmitted, endedWeeks.Count, $"/api/billing/reports/collection/weekly?estateId={estate.EstateId}"),
            Kpi.Measure("monthly-summary-by-26th", "The monthly collection summary is submitted by the 26th.", OnTimeTarget,
                monthlyInTime, monthlyMeasured, reports),
        ]));
    }
}
