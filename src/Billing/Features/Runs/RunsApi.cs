using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Billing.Data;
using PropertyPlatform.Billing.Domain;
using PropertyPlatform.Billing.Features.Rates;
using PropertyPlatform.ServiceDefaults.Data;
using PropertyPlatform.ServiceDefaults.Hosting;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Billing.Features.Runs;

/// <summary>Bill an estate for one fee item and month (<c>yyyy-MM</c>).</summary>
public sealed record BillingRunCommand(Guid? EstateId, string? Period, string? FeeItem);

public sealed record BillLineResponse(Guid RateId, decimal Rate, decimal Quantity, int Days, int DaysInPeriod, decimal Amount, string Explanation);

public sealed record PreviewBillResponse(Guid UnitId, string UnitNumber, decimal Total, BillLineResponse[] Lines);

/// <summary>What posting would bill; <see cref="Bills"/> lists at most <see cref="RunsApi.PreviewLimit"/> of them, the counts cover all.</summary>
/// <remarks><see cref="Metered"/>: for water and electricity, the units left unbilled for want of good readings; null for other fee items.</remarks>
public sealed record BillingRunPreviewResponse(
    Guid EstateId, string Period, string FeeItem, string Currency, int UnitCount, int BillCount, decimal Total, PreviewBillResponse[] Bills,
    MeteredPreviewResponse? Metered = null);

public sealed record BillingRunResponse(
    Guid Id, Guid EstateId, string Period, string FeeItem, string Currency, string Status, int UnitsTotal, int UnitsDone, int BillCount, decimal Total,
    DateTimeOffset StartedAt, string StartedBy, DateTimeOffset? PostedAt, string? LastError);

public sealed record BillResponse(
    Guid Id, Guid EstateId, Guid RunId, Guid UnitId, string Period, string FeeItem, decimal Total, string Currency, DateOnly DueOn, DateTimeOffset IssuedAt,
    BillLineResponse[] Lines);

/// <summary>
/// Billing runs: a preview computes the bills without keeping anything; posting queues the run for
/// <see cref="BillingRunWorker"/>, which bills the whole estate in one transaction. There is one run per estate, month and
/// fee item: posting it again (or twice at once) answers the same run and bills nothing more.
/// </summary>
public static class RunsApi
{
    public const int PreviewLimit = 500;

    public static RouteGroupBuilder MapRunsApi(this RouteGroupBuilder api)
    {
        var runs = api.MapGroup("/runs").WithTags("Billing runs");
        runs.MapPost("/preview", Preview).RequireRoles(BillingRoles.EstateManagers);
        runs.MapPost("/", Post).RequireRoles(BillingRoles.EstateManagers);
        runs.MapGet("/", List).RequireRoles(BillingRoles.Readers);
        runs.MapGet("/{id:guid}", Get).RequireRoles(BillingRoles.Readers);

        var bills = api.MapGroup("/bills").WithTags("Bills");
        // Owners list their own units' bills (the portal); staff those of their estates.
        bills.MapGet("/", ListBills).RequireRoles([.. BillingRoles.Readers, PlatformRoles.Owner]);
        bills.MapGet("/{id:guid}", GetBill).RequireRoles(BillingRoles.Readers);
        return api;
    }

    public static async Task<Ok<BillingRunPreviewResponse>> Preview(
        BillingRunCommand command, BillingDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var (estateId, period, feeItem, currency, rates) = await CheckAsync(command, db, time, cancellationToken);
        var bills = new List<ComputedBill>();
        var unitCount = 0;
        var facts = await RunFacts.LoadAsync(db, estateId, feeItem, period, period.AddMonths(1), cancellationToken);
        await foreach (var unit in BillingRunCalculator.Units(db, estateId).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            unitCount++;
            if (BillingRunCalculator.Compute(unit, feeItem, period, rates, currency, facts) is { } bill)
            {
                bills.Add(bill);
            }
        }

        return TypedResults.Ok(new BillingRunPreviewResponse(
            estateId, Month(period), feeItem.Name(), currency, unitCount, bills.Count, bills.Sum(b => b.Total),
            [.. bills.Take(PreviewLimit).Select(b => new PreviewBillResponse(b.Unit.UnitId, b.Unit.Number, b.Total, [.. b.Lines.Select(ToResponse)]))],
            Meters.Of(feeItem) is null ? null : new MeteredPreviewResponse(facts.UnitsWithoutTwoReadings, facts.UnitsWithReadingsGoingDown)));
    }

    /// <summary>Queues the run (202), or answers the one that exists: posted (200, unchanged), running (202), failed (202, tried again).</summary>
    public static async Task<Results<Ok<BillingRunResponse>, Accepted<BillingRunResponse>>> Post(
        BillingRunCommand command, BillingDbContext db, EstateScope scope, CorrelationContext correlation, TimeProvider time,
        WorkSignal<BillingRunWorker> worker, CancellationToken cancellationToken)
    {
        var (estateId, period, feeItem, currency, _) = await CheckAsync(command, db, time, cancellationToken);
        scope.EnsureCanWrite(estateId);
        var run = await FindAsync(db, estateId, period, feeItem, cancellationToken);
        if (run is null)
        {
            run = BillingRun.Start(estateId, period, feeItem, currency, scope.Account(), correlation.CorrelationId, time.GetUtcNow());
            db.Runs.Add(run);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException ex) when (ex.IsUniqueViolation())
            {
                // Started twice at once: the other request's run is the run.
                db.ChangeTracker.Clear();
                run = await FindAsync(db, estateId, period, feeItem, cancellationToken) ?? throw new InvalidOperationException("The run that won the race is gone.");
            }
        }
        else if (run.Retry())
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        if (run.Status == BillingRunStatus.Posted)
        {
            return TypedResults.Ok(ToResponse(run));
        }

        worker.Notify();
        return TypedResults.Accepted($"/api/billing/runs/{run.Id}", ToResponse(run));
    }

    /// <summary>The run with its progress: <c>unitsDone</c> of <c>unitsTotal</c> while it is running.</summary>
    public static async Task<Ok<BillingRunResponse>> Get(Guid id, BillingDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(ToResponse(await db.Runs.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken) ?? throw new NotFoundException("Billing run", id)));

    public static async Task<Ok<Page<BillingRunResponse>>> List(BillingDbContext db, Guid? estateId, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var query = db.Runs.AsNoTracking();
        query = estateId is null ? query : query.Where(r => r.EstateId == estateId);
        return TypedResults.Ok(await query.ToKeysetPageAsync(r => r.StartedAt, r => r.Id, cursor, limit, ToResponse, cancellationToken));
    }

    /// <summary>Bills of the caller's estates, newest first; by unit or run.</summary>
    public static async Task<Ok<Page<BillResponse>>> ListBills(
        BillingDbContext db, Guid? unitId, Guid? runId, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var query = db.Bills.AsNoTracking();
        // Bills are not unit-scoped rows for the estate filter: an owner's are narrowed here, to their own units.
        var ownUnits = db.Scope.UnitIds;
        query = db.Scope.IsOwnerOnly ? query.Where(b => ownUnits.Contains(b.UnitId)) : query;
        query = unitId is null ? query : query.Where(b => b.UnitId == unitId);
        query = runId is null ? query : query.Where(b => b.RunId == runId);
        return TypedResults.Ok(await query.ToKeysetPageAsync(b => b.IssuedAt, b => b.Id, cursor, limit, ToResponse, cancellationToken));
    }

    public static async Task<Ok<BillResponse>> GetBill(Guid id, BillingDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(ToResponse(await db.Bills.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, cancellationToken) ?? throw new NotFoundException("Bill", id)));

    private static async Task<(Guid EstateId, DateOnly Period, FeeItem FeeItem, string Currency, List<Rate> Rates)> CheckAsync(
        BillingRunCommand command, BillingDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estateId = errors.Id(command.EstateId, "estateId");
        var period = errors.Month(command.Period, "period");
        var feeItem = RatesApi.RatedFeeItem(errors, command.FeeItem, "feeItem");
        errors.ThrowIfAny();
        var estate = await BillingEstates.GetAsync(db, estateId, cancellationToken);
        var thisMonth = estate.ToCalendar().LocalDay(time.GetUtcNow());
        if (period > new DateOnly(thisMonth.Year, thisMonth.Month, 1))
        {
            throw new ValidationFailedException("period", $"Cannot bill a month that has not begun (this month is {thisMonth:yyyy-MM}).");
        }

        var rates = await BillingRunCalculator.RatesAsync(db, estateId, feeItem, cancellationToken);
        if (!rates.Any(r => r.EffectiveFrom < period.AddMonths(1)))
        {
            throw new ValidationFailedException("feeItem", $"No approved {feeItem.Name()} rate is in force in {Month(period)}.");
        }

        return (estateId, period, feeItem, estate.Currency, rates);
    }

    private static Task<BillingRun?> FindAsync(BillingDbContext db, Guid estateId, DateOnly period, FeeItem feeItem, CancellationToken cancellationToken) =>
        db.Runs.SingleOrDefaultAsync(r => r.EstateId == estateId && r.Period == period && r.FeeItem == feeItem, cancellationToken);

    internal static string Month(DateOnly period) => period.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    private static BillLineResponse ToResponse(ComputedLine l) => new(l.RateId, l.Rate, l.Quantity, l.Days, l.DaysInPeriod, l.Amount, l.Explanation);

    internal static BillingRunResponse ToResponse(BillingRun r) => new(
        r.Id, r.EstateId, Month(r.Period), r.FeeItem.Name(), r.Currency, r.Status.ToString(), r.UnitsTotal, r.UnitsDone, r.BillCount, r.Total, r.StartedAt,
        r.StartedBy, r.PostedAt, r.LastError);

    internal static BillResponse ToResponse(Bill b) => new(
        b.Id, b.EstateId, b.RunId, b.UnitId, Month(b.Period), b.FeeItem.Name(), b.Total, b.Currency, b.DueOn, b.IssuedAt,
        [.. b.Lines.Select(l => new BillLineResponse(l.RateId, l.Rate, l.Quantity, l.Days, l.DaysInPeriod, l.Amount, l.Explanation))]);
}
