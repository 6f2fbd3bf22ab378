using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Billing.Data;
using PropertyPlatform.Billing.Domain;
using PropertyPlatform.Billing.Features.Arrears;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.ServiceDefaults.Data;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Sla;

namespace PropertyPlatform.Billing.Features.Reports;

/// <summary>A summary submitted to the manager and finance: <c>week</c> (any day of it, yyyy-MM-dd) or <c>month</c> (yyyy-MM).</summary>
public sealed record SubmitSummaryCommand(Guid? EstateId, string? Week, string? Month);

public sealed record EstateFeeItemRate(Guid EstateId, string EstateName, string Currency, string FeeItem, decimal AmountDue, decimal Collected, decimal? Rate);

public sealed record CollectionRateResponse(string Month, EstateFeeItemRate[] Rates);

/// <summary>
/// Billing's reports, as JSON or XLSX (<c>format=xlsx</c>): the weekly and monthly collection summaries (the monthly one
/// due by the 26th, on the SLA engine, and both submitted to the manager and finance), the collection rate per estate
/// and fee item, and arrears with aging at any day.
/// </summary>
public static class ReportsApi
{
    public static RouteGroupBuilder MapReportsApi(this RouteGroupBuilder api)
    {
        var reports = api.MapGroup("/reports").WithTags("Reports");
        reports.MapGet("/collection/weekly", Weekly).RequireRoles(BillingRoles.Readers);
        reports.MapPost("/collection/weekly/submit", SubmitWeekly).RequireRoles(BillingRoles.EstateManagers);
        reports.MapGet("/collection/monthly", Monthly).RequireRoles(BillingRoles.Readers);
        reports.MapPost("/collection/monthly/submit", SubmitMonthly).RequireRoles(BillingRoles.EstateManagers);
        reports.MapGet("/collection-rate", CollectionRate).RequireRoles(BillingRoles.Readers);
        reports.MapGet("/arrears", Arrears).RequireRoles(BillingRoles.Readers);
        return api;
    }

    /// <summary>The Monday of <paramref name="day"/>'s week.</summary>
    public static DateOnly WeekOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>Opens the month's summary at its first collection (in that payment's transaction), starting its 26th-of-the-month clock.</summary>
    internal static async Task<MonthlyCollectionSummary> EnsureMonthAsync(
        BillingDbContext db, Guid estateId, DateOnly month, EstateCalendar calendar, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var key = $"monthly-summary|{estateId}|{month:yyyy-MM}";
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({key}, 0))", cancellationToken);
        var summary = await db.MonthlySummaries.SingleOrDefaultAsync(s => s.EstateId == estateId && s.Month == month, cancellationToken);
        if (summary is null)
        {
            summary = MonthlyCollectionSummary.Open(estateId, month, calendar, now);
            db.MonthlySummaries.Add(summary);
        }

        return summary;
    }

    public static async Task<Results<Ok<CollectionSummaryResponse>, FileContentHttpResult>> Weekly(
        BillingDbContext db, TimeProvider time, Guid? estateId, string? week, string? format, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estate = errors.Id(estateId, "estateId");
        var day = week is null ? (DateOnly?)null : errors.LocalDate(week, "week");
        var xlsx = errors.WantsXlsx(format);
        errors.ThrowIfAny();
        var known = await BillingEstates.GetAsync(db, estate, cancellationToken);
        var calendar = known.ToCalendar();
        var monday = WeekOf(day ?? calendar.LocalDay(time.GetUtcNow()));
        var summary = await CollectionFigures.ComputeAsync(db, estate, $"{monday:yyyy-MM-dd}", monday, monday.AddDays(6), calendar, known.Currency, cancellationToken);
        var submitted = await db.WeeklySummaries.AsNoTracking().SingleOrDefaultAsync(s => s.EstateId == estate && s.Week == monday, cancellationToken);
        summary = summary with { SubmittedAt = submitted?.SubmittedAt, SubmittedBy = submitted?.SubmittedBy };
        return Answer(summary, xlsx, $"collection-week-{monday:yyyy-MM-dd}.xlsx");
    }

    public static async Task<Results<Ok<CollectionSummaryResponse>, FileContentHttpResult>> Monthly(
        BillingDbContext db, Guid? estateId, string? month, string? format, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estate = errors.Id(estateId, "estateId");
        var first = errors.Month(month, "month");
        var xlsx = errors.WantsXlsx(format);
        errors.ThrowIfAny();
        var known = await BillingEstates.GetAsync(db, estate, cancellationToken);
        var summary = await CollectionFigures.ComputeAsync(
            db, estate, $"{first:yyyy-MM}", first, first.AddMonths(1).AddDays(-1), known.ToCalendar(), known.Currency, cancellationToken);
        var submitted = await db.MonthlySummaries.AsNoTracking().SingleOrDefaultAsync(s => s.EstateId == estate && s.Month == first, cancellationToken);
        summary = summary with { SubmittedAt = submitted?.SubmittedAt, SubmittedBy = submitted?.SubmittedBy, DueAt = submitted?.Due.DueAt };
        return Answer(summary, xlsx, $"collection-month-{first:yyyy-MM}.xlsx");
    }

    public static async Task<Ok<CollectionSummaryResponse>> SubmitWeekly(
        SubmitSummaryCommand command, BillingDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estate = errors.Id(command.EstateId, "estateId");
        var monday = WeekOf(errors.LocalDate(command.Week, "week"));
        errors.ThrowIfAny();
        scope.EnsureCanWrite(estate);
        var known = await BillingEstates.GetAsync(db, estate, cancellationToken);
        var now = time.GetUtcNow();
        if (monday.AddDays(7) > known.ToCalendar().LocalDay(now))
        {
            throw new ConflictException($"The week of {monday:yyyy-MM-dd} has not ended yet: its summary cannot be submitted.");
        }

        var summary = await CollectionFigures.ComputeAsync(db, estate, $"{monday:yyyy-MM-dd}", monday, monday.AddDays(6), known.ToCalendar(), known.Currency, cancellationToken);
        db.WeeklySummaries.Add(new WeeklyCollectionSummary
        {
            Id = Guid.CreateVersion7(now), EstateId = estate, Week = monday, SubmittedAt = now, SubmittedBy = scope.Account(), AmountDue = summary.AmountDue,
            Collected = summary.Collected,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            throw new ConflictException($"The summary of the week of {monday:yyyy-MM-dd} was already submitted.");
        }

        return TypedResults.Ok(summary with { SubmittedAt = now, SubmittedBy = scope.Account() });
    }

    public static async Task<Ok<CollectionSummaryResponse>> SubmitMonthly(
        SubmitSummaryCommand command, BillingDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estate = errors.Id(command.EstateId, "estateId");
        var first = errors.Month(command.Month, "month");
        errors.ThrowIfAny();
        scope.EnsureCanWrite(estate);
        var known = await BillingEstates.GetAsync(db, estate, cancellationToken);
        var calendar = known.ToCalendar();
        var now = time.GetUtcNow();
        if (first > calendar.LocalDay(now))
        {
            throw new ValidationFailedException("month", "Cannot be a month that has not begun.");
        }

        var strategy = db.Database.CreateExecutionStrategy();
        return TypedResults.Ok(await strategy.ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var month = await EnsureMonthAsync(db, estate, first, calendar, now, ct);
            var summary = await CollectionFigures.ComputeAsync(db, estate, $"{first:yyyy-MM}", first, first.AddMonths(1).AddDays(-1), calendar, known.Currency, ct);
            if (!month.Submit(summary.AmountDue, summary.Collected, scope.Account(), now))
            {
                throw new ConflictException($"The summary of {first:yyyy-MM} was already submitted.");
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return summary with { SubmittedAt = now, SubmittedBy = scope.Account(), DueAt = month.Due.DueAt };
        }, cancellationToken));
    }

    /// <summary>The month's collection rate per estate the caller sees (or one, <paramref name="estateId"/>) and fee item.</summary>
    public static async Task<Results<Ok<CollectionRateResponse>, FileContentHttpResult>> CollectionRate(
        BillingDbContext db, Guid? estateId, string? month, string? format, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var first = errors.Month(month, "month");
        var xlsx = errors.WantsXlsx(format);
        errors.ThrowIfAny();
        if (estateId is { } one && !db.Scope.CanSeeEstate(one))
        {
            throw new NotFoundException("Estate", one);
        }

        var estates = await db.Set<KnownEstateCalendar>().AsNoTracking().Where(c => estateId == null || c.EstateId == estateId)
            .OrderBy(c => c.Name).ToListAsync(cancellationToken);
        var rates = new List<EstateFeeItemRate>();
        foreach (var estate in estates.Where(e => e.Currency.Length > 0))
        {
            var summary = await CollectionFigures.ComputeAsync(
                db, estate.EstateId, $"{first:yyyy-MM}", first, first.AddMonths(1).AddDays(-1), estate.ToCalendar(), estate.Currency, cancellationToken);
            rates.AddRange(summary.ByFeeItem.Select(f => new EstateFeeItemRate(estate.EstateId, estate.Name, estate.Currency, f.FeeItem, f.AmountDue, f.Collected, f.Rate)));
        }

        var response = new CollectionRateResponse($"{first:yyyy-MM}", [.. rates]);
        return xlsx
            ? TypedResults.File(Spreadsheets.Write(new Spreadsheets.Sheet(
                "Collection rate", ["Estate", "Currency", "Fee item", "Amount due", "Collected", "Rate"],
                rates.Select(r => new object?[] { r.EstateName, r.Currency, r.FeeItem, r.AmountDue, r.Collected, r.Rate }))), ReportFormat.XlsxContentType, $"collection-rate-{response.Month}.xlsx")
            : TypedResults.Ok(response);
    }

    /// <summary>Arrears with aging at the end of any estate-local day, as JSON or XLSX (the same figures as <c>GET /arrears</c>).</summary>
    public static async Task<Results<Ok<ArrearsReportResponse>, FileContentHttpResult>> Arrears(
        BillingDbContext db, TimeProvider time, Guid? estateId, string? asOf, string? format, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var xlsx = errors.WantsXlsx(format);
        errors.ThrowIfAny();
        var report = (await ArrearsApi.Report(db, time, estateId, asOf, cancellationToken)).Value!;
        return xlsx
            ? TypedResults.File(Spreadsheets.Write(
                new Spreadsheets.Sheet("Aging", ["Bucket (days past due)", "Amount", "Units"], report.Buckets.Select(b => new object?[] { b.Bucket, b.Amount, b.Units })),
                new Spreadsheets.Sheet(
                    "Units", ["Unit", "Owner", "Overdue", .. Aging.Buckets, "Oldest due", "Days past due", "Dunning step", "Reason"],
                    report.Units.Select(u => (object?[])
                    [
                        u.UnitNumber, u.OwnerId?.ToString(), u.Overdue, .. Aging.Buckets.Select(b => (object?)u.ByBucket[b]), u.OldestDueOn, u.DaysPastDue, u.DunningStep, u.Reason,
                    ]))), ReportFormat.XlsxContentType, $"arrears-{report.AsOf:yyyy-MM-dd}.xlsx")
            : TypedResults.Ok(report);
    }

    private static Results<Ok<CollectionSummaryResponse>, FileContentHttpResult> Answer(CollectionSummaryResponse summary, bool xlsx, string fileName) =>
        xlsx
            ? TypedResults.File(Spreadsheets.Write(
                new Spreadsheets.Sheet("Summary", ["Period", "From", "To", "Currency", "Amount due", "Collected", "Collection rate", "Received", "Submitted at", "Submitted by"],
                    [[summary.Period, summary.From, summary.To, summary.Currency, summary.AmountDue, summary.Collected, summary.CollectionRate, summary.Received, summary.SubmittedAt, summary.SubmittedBy]]),
                new Spreadsheets.Sheet("By fee item", ["Fee item", "Items due", "Items paid", "Amount due", "Collected", "Rate"],
                    summary.ByFeeItem.Select(f => new object?[] { f.FeeItem, f.ItemsDue, f.ItemsPaid, f.AmountDue, f.Collected, f.Rate })),
                new Spreadsheets.Sheet("Received", ["Method", "Payments", "Amount"], summary.ReceivedByMethod.Select(m => new object?[] { m.Method, m.Payments, m.Amount }))),
                ReportFormat.XlsxContentType, fileName)
            : TypedResults.Ok(summary);
}
