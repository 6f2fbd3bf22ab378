using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Billing.Data;
using PropertyPlatform.Billing.Domain;
using PropertyPlatform.Billing.Features.Rates;
using PropertyPlatform.Billing.Features.Terms;
using PropertyPlatform.ServiceDefaults.Hosting;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Billing.Features.Runs;

/// <summary>
/// Bill an estate for one fee item and period: a month (<c>2026-11</c>), a quarter (<c>2026-Q4</c>) or a year
/// (<c>2026</c>), as the estate bills that fee item (<c>BillingTermsApi</c>).
/// </summary>
public sealed record BillingRunCommand(Guid? EstateId, string? Period, string? FeeItem);

public sealed record BillLineResponse(Guid RateId, decimal Rate, decimal Quantity, int Days, int DaysInPeriod, decimal Amount, string Explanation);

public sealed record PreviewBillResponse(Guid UnitId, string UnitNumber, decimal Total, BillLineResponse[] Lines);

/// <summary>What posting would bill; <see cref="Bills"/> lists at most <see cref="RunsApi.PreviewLimit"/> of them, the counts cover all.</summary>
/// <remarks><see cref="Metered"/>: for water and electricity, the units left unbilled for want of good readings; null for other fee items.</remarks>
public sealed record BillingRunPreviewResponse(
    Guid EstateId, string Period, DateOnly PeriodFrom, DateOnly PeriodTo, string FeeItem, string Currency, DateOnly DueOn, int UnitCount, int BillCount, decimal Total,
    PreviewBillResponse[] Bills, MeteredPreviewResponse? Metered = null);

public sealed record BillingRunResponse(
    Guid Id, Guid EstateId, string Period, DateOnly PeriodFrom, DateOnly PeriodTo, string FeeItem, string Currency, string Status, int UnitsTotal, int UnitsDone,
    int BillCount, decimal Total, DateTimeOffset StartedAt, string StartedBy, DateTimeOffset? PostedAt, DateOnly? DueOn, string? LastError);

public sealed record BillResponse(
    Guid Id, Guid EstateId, Guid RunId, Guid UnitId, string Period, DateOnly PeriodFrom, DateOnly PeriodTo, string FeeItem, decimal Total, string Currency, DateOnly DueOn, DateTimeOffset IssuedAt,
    BillLineResponse[] Lines);

/// <summary>
/// Billing runs: a preview computes the bills without keeping anything; posting queues the run for
/// <see cref="BillingRunWorker"/>, which bills the whole estate in one transaction. There is one run per estate, period and
/// fee item: posting it again (or twice at once) answers the same run and bills nothing more; a run whose period overlaps
/// a posted or running one (a quarter and one of its months, after the frequency changed) is refused, so no unit is
/// billed twice for a day and fee item.
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
        var dueOn = await BillingTermsApi.DueOnAsync(db, estateId, time.GetUtcNow(), cancellationToken);
        var bills = new List<ComputedBill>();
        var unitCount = 0;
        var facts = await RunFacts.LoadAsync(db, estateId, feeItem, period.First, period.End, cancellationToken);
        await foreach (var unit in BillingRunCalculator.Units(db, estateId).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            unitCount++;
            if (BillingRunCalculator.Compute(unit, feeItem, period, rates, currency, facts) is { } bill)
            {
                bills.Add(bill);
            }
        }

        return TypedResults.Ok(new BillingRunPreviewResponse(
            estateId, period.ToString(), period.First, period.Last, feeItem.Name(), currency, dueOn, unitCount, bills.Count, bills.Sum(b => b.Total),
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
        var strategy = db.Database.CreateExecutionStrategy();
        var run = await strategy.ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // Runs of an estate and fee item are started one at a time, so two overlapping periods never both pass the check.
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({$"runs|{estateId}|{feeItem}"}, 0))", ct);
            var run = await FindAsync(db, estateId, period, feeItem, ct);
            if (run is null)
            {
                await EnsureNoOverlapAsync(db, estateId, period, feeItem, null, ct);
                run = BillingRun.Start(estateId, period, feeItem, currency, scope.Account(), correlation.CorrelationId, time.GetUtcNow());
                db.Runs.Add(run);
            }
            else if (run.Status == BillingRunStatus.Failed)
            {
                await EnsureNoOverlapAsync(db, estateId, period, feeItem, run.Id, ct);
                run.Retry();
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return run;
        }, cancellationToken);

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

    private static async Task<(Guid EstateId, BillingPeriod Period, FeeItem FeeItem, string Currency, List<Rate> Rates)> CheckAsync(
        BillingRunCommand command, BillingDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estateId = errors.Id(command.EstateId, "estateId");
        if (!BillingPeriod.TryParse(command.Period, out var period))
        {
            errors.Add("period", "Required: a month written yyyy-MM (2026-11), a quarter yyyy-Qn (2026-Q4) or a year yyyy (2026).");
        }

        var feeItem = RatesApi.RatedFeeItem(errors, command.FeeItem, "feeItem");
        errors.ThrowIfAny();
        var estate = await BillingEstates.GetAsync(db, estateId, cancellationToken);
        var frequency = await BillingTermsApi.FrequencyAsync(db, estateId, feeItem, cancellationToken);
        if (period.Frequency != frequency)
        {
            throw new ValidationFailedException("period", $"This estate bills {feeItem.Name()} {frequency.Name()}: the period must be {frequency.Form()}.");
        }

        var today = estate.ToCalendar().LocalDay(time.GetUtcNow());
        if (period.First > today)
        {
            throw new ValidationFailedException("period", $"Cannot bill a period that has not begun ({period} begins {period.First:yyyy-MM-dd}, today is {today:yyyy-MM-dd}).");
        }

        var rates = await BillingRunCalculator.RatesAsync(db, estateId, feeItem, cancellationToken);
        if (!rates.Any(r => r.EffectiveFrom <= period.Last))
        {
            throw new ValidationFailedException("feeItem", $"No approved {feeItem.Name()} rate is in force in {period}.");
        }

        return (estateId, period, feeItem, estate.Currency, rates);
    }

    private static Task<BillingRun?> FindAsync(BillingDbContext db, Guid estateId, BillingPeriod period, FeeItem feeItem, CancellationToken cancellationToken) =>
        db.Runs.SingleOrDefaultAsync(r => r.EstateId == estateId && r.Period == period.First && r.PeriodEnd == period.Last && r.FeeItem == feeItem, cancellationToken);

    /// <summary>409 naming the posted or running run of the estate and fee item that bills some day of <paramref name="period"/> already.</summary>
    private static async Task EnsureNoOverlapAsync(
        BillingDbContext db, Guid estateId, BillingPeriod period, FeeItem feeItem, Guid? except, CancellationToken cancellationToken)
    {
        var other = await db.Runs.AsNoTracking()
            .Where(r => r.EstateId == estateId && r.FeeItem == feeItem && r.Id != except && (r.Status == BillingRunStatus.Posted || r.Status == BillingRunStatus.Running)
                && r.Period <= period.Last && period.First <= r.PeriodEnd)
            .OrderBy(r => r.Period).FirstOrDefaultAsync(cancellationToken);
        if (other is not null)
        {
            throw new ConflictException(
                $"Billing run '{other.Id}' ({other.BilledPeriod}, {other.Status.ToString().ToLowerInvariant()}) already bills {feeItem.Name()} for days of {period}: a unit is never billed twice for a day.");
        }
    }

    private static BillLineResponse ToResponse(ComputedLine l) => new(l.RateId, l.Rate, l.Quantity, l.Days, l.DaysInPeriod, l.Amount, l.Explanation);

    internal static BillingRunResponse ToResponse(BillingRun r) => new(
        r.Id, r.EstateId, r.BilledPeriod.ToString(), r.Period, r.PeriodEnd, r.FeeItem.Name(), r.Currency, r.Status.ToString(), r.UnitsTotal, r.UnitsDone,
        r.BillCount, r.Total, r.StartedAt, r.StartedBy, r.PostedAt, r.DueOn, r.LastError);

    internal static BillResponse ToResponse(Bill b) => new(
        b.Id, b.EstateId, b.RunId, b.UnitId, new BillingPeriod(b.Period, b.PeriodEnd).ToString(), b.Period, b.PeriodEnd, b.FeeItem.Name(), b.Total, b.Currency, b.DueOn, b.IssuedAt,
        [.. b.Lines.Select(l => new BillLineResponse(l.RateId, l.Rate, l.Quantity, l.Days, l.DaysInPeriod, l.Amount, l.Explanation))]);
}
