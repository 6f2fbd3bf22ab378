using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Billing.Data;
using PropertyPlatform.Billing.Domain;
using PropertyPlatform.ServiceDefaults.Data;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Sla;

namespace PropertyPlatform.Billing.Features.CashierDays;

/// <summary>Cash taken to the bank: <c>cashier</c> defaults to the caller (a manager may record a cashier's deposit).</summary>
public sealed record CashDepositCommand(Guid? EstateId, string? Day, string? Cashier, decimal? Amount, string? BankSlipRef);

/// <summary>The day handed over to finance; <c>explanation</c> is required when the cash deposited differs from the cash taken.</summary>
public sealed record HandoverCommand(Guid? EstateId, string? Day, string? Cashier, string? Explanation);

public sealed record CashDepositResponse(Guid Id, decimal Amount, string BankSlipRef, string RecordedBy, DateTimeOffset DepositedAt);

/// <summary>
/// One cashier's day reconciled: their payments and receipts (those reversed since listed too: a reversal keeps its
/// receipt number and moves no money), <c>cash</c> to account for (cash taken less <c>cashRefunded</c>, the cash they paid
/// back that day), card taken, cash deposited, what is still to deposit, the 17:00 deadline and the handover to finance.
/// </summary>
public sealed record CashierDayResponse(
    Guid EstateId, DateOnly Day, string Cashier, string Currency, int Payments, string[] ReceiptNumbers, string[] ReversedReceiptNumbers, decimal Cash,
    decimal CashRefunded, decimal Card, decimal Deposited,
    decimal CashNotDeposited, DateTimeOffset? DepositDueAt, bool? DepositMet, bool DepositBreached, CashDepositResponse[] Deposits,
    DateTimeOffset? HandedOverAt, string? HandedOverBy, decimal? HandoverDifference, string? HandoverExplanation);

public sealed record CashierDaysResponse(Guid EstateId, DateOnly Day, string Currency, CashierDayResponse[] Cashiers);

/// <summary>
/// The cashier's day: every cashier's payments, receipts and cash for an estate-local day reconciled; cash deposits
/// (by 17:00 estate time, on the SLA engine) and the handover to finance, where a discrepancy must be explained.
/// </summary>
public static class CashierDaysApi
{
    public const decimal MaxDeposit = 10_000_000m;

    public static RouteGroupBuilder MapCashierDaysApi(this RouteGroupBuilder api)
    {
        var days = api.MapGroup("/cashier-days").WithTags("Cashier's day");
        days.MapGet("/", Reconcile).RequireRoles(BillingRoles.Readers);
        days.MapPost("/deposits", RecordDeposit).RequireRoles(BillingRoles.Cashiers);
        days.MapPost("/handover", HandOver).RequireRoles(BillingRoles.Cashiers);
        return api;
    }

    /// <summary>
    /// A cash payment of <paramref name="amount"/> (not saved yet, in the caller's transaction): the cashier's first of the
    /// day opens their day and starts the deposit deadline; a later one, taken after the deposits had covered the day,
    /// starts the deadline again.
    /// </summary>
    internal static async Task CashTakenAsync(
        BillingDbContext db, Guid estateId, string cashier, decimal amount, EstateCalendar calendar, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var day = calendar.LocalDay(now);
        // Two cash payments of one cashier at once open the day once.
        var dayKey = $"cashier-day|{estateId}|{cashier}|{day:yyyy-MM-dd}";
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({dayKey}, 0))", cancellationToken);
        var cashierDay = await db.CashierDays.Include(d => d.Deposits)
            .SingleOrDefaultAsync(d => d.EstateId == estateId && d.Cashier == cashier && d.Day == day, cancellationToken);
        if (cashierDay is null)
        {
            db.CashierDays.Add(CashierDay.Open(estateId, cashier, day, calendar, now));
        }
        else if (cashierDay.Deposit.CompletedAt is not null)
        {
            var (cash, _, _, _) = await TakenAsync(db, estateId, cashier, day, calendar, cancellationToken);
            cashierDay.CashTaken(cash + amount, calendar, now);
        }
    }

    /// <summary>Every cashier's day of the estate (default today, estate-local), reconciled.</summary>
    public static async Task<Ok<CashierDaysResponse>> Reconcile(
        BillingDbContext db, TimeProvider time, Guid? estateId, string? day, string? cashier, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estate = errors.Id(estateId, "estateId");
        var asked = day is null ? (DateOnly?)null : errors.LocalDate(day, "day");
        errors.ThrowIfAny();
        var known = await BillingEstates.GetAsync(db, estate, cancellationToken);
        var calendar = known.ToCalendar();
        var localDay = asked ?? calendar.LocalDay(time.GetUtcNow());
        var days = await ReconcileAsync(db, estate, localDay, calendar, known.Currency, time.GetUtcNow(), cancellationToken);
        return TypedResults.Ok(new CashierDaysResponse(estate, localDay, known.Currency, [.. days.Where(d => cashier is null || d.Cashier == cashier)]));
    }

    public static async Task<Ok<CashierDayResponse>> RecordDeposit(
        CashDepositCommand command, BillingDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estateId = errors.Id(command.EstateId, "estateId");
        var day = errors.LocalDate(command.Day, "day");
        var slip = errors.Text(command.BankSlipRef, "bankSlipRef", maxLength: 64);
        var cashier = Cashier(scope, command.Cashier, errors);
        var known = await KnownEstateOrNullAsync(db, scope, command.EstateId, cancellationToken);
        // Without the estate's currency the amount's decimals cannot be checked; the estate's 404/409 comes first then.
        var amount = known is null ? command.Amount ?? 0m : errors.Money(command.Amount, known.Currency, "amount", MaxDeposit);
        if (command.Amount is null && known is null)
        {
            errors.Add("amount", "Required: an amount.");
        }
        else if (command.Amount is 0m)
        {
            errors.Add("amount", "Must be more than 0.");
        }

        errors.ThrowIfAny();
        scope.EnsureCanWrite(estateId);
        if (known is null)
        {
            known = await BillingEstates.GetAsync(db, estateId, cancellationToken);
            amount = errors.Money(command.Amount, known.Currency, "amount", MaxDeposit);
            errors.ThrowIfAny();
        }
        var calendar = known.ToCalendar();
        var now = time.GetUtcNow();
        if (day > calendar.LocalDay(now))
        {
            throw new ValidationFailedException("day", "Cannot be in the future.");
        }

        var strategy = db.Database.CreateExecutionStrategy();
        try
        {
            await strategy.ExecuteAsync(async ct =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var cashierDay = await LockedDayAsync(db, estateId, cashier, day, ct);
                if (await db.CashDeposits.AnyAsync(d => d.EstateId == estateId && d.BankSlipRef == slip, ct))
                {
                    throw new ConflictException($"Bank slip '{slip}' is already recorded.");
                }

                var (cash, _, _, _) = await TakenAsync(db, estateId, cashier, day, calendar, ct);
                cashierDay.RecordDeposit(amount, known.Currency, slip, scope.Account(), cash, now);
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
            }, cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            throw new ConflictException($"Bank slip '{slip}' is already recorded.");
        }

        return TypedResults.Ok((await ReconcileAsync(db, estateId, day, calendar, known.Currency, now, cancellationToken)).Single(d => d.Cashier == cashier));
    }

    public static async Task<Ok<CashierDayResponse>> HandOver(
        HandoverCommand command, BillingDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estateId = errors.Id(command.EstateId, "estateId");
        var day = errors.LocalDate(command.Day, "day");
        var cashier = Cashier(scope, command.Cashier, errors);
        var explanation = errors.OptionalText(command.Explanation, "explanation", 2000);
        errors.ThrowIfAny();
        scope.EnsureCanWrite(estateId);
        var known = await BillingEstates.GetAsync(db, estateId, cancellationToken);
        var calendar = known.ToCalendar();
        var now = time.GetUtcNow();
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var cashierDay = await LockedDayAsync(db, estateId, cashier, day, ct);
            var (cash, _, _, _) = await TakenAsync(db, estateId, cashier, day, calendar, ct);
            var difference = cash - cashierDay.Deposits.Sum(d => d.Amount);
            if (difference != 0m && explanation is null)
            {
                throw new ValidationFailedException(
                    "explanation", $"Required: {BillingRounding.Format(cash, known.Currency)} {known.Currency} cash was taken and {BillingRounding.Format(cash - difference, known.Currency)} deposited; the difference must be explained.");
            }

            if (!cashierDay.HandOver(scope.Account(), difference, explanation, now))
            {
                throw new ConflictException($"The day {day:yyyy-MM-dd} of cashier '{cashier}' was already handed over to finance.");
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }, cancellationToken);
        return TypedResults.Ok((await ReconcileAsync(db, estateId, day, calendar, known.Currency, now, cancellationToken)).Single(d => d.Cashier == cashier));
    }

    /// <summary>The cashier named, or the caller; a cashier records only their own day (the estate manager may record anyone's).</summary>
    private static string Cashier(EstateScope scope, string? named, InputErrors errors)
    {
        if (string.IsNullOrWhiteSpace(named))
        {
            return scope.Account();
        }

        var cashier = errors.Text(named, "cashier", maxLength: 200);
        if (cashier != scope.Account() && !scope.IsInRole(PlatformRoles.EstateManager) && !scope.IsInRole(PlatformRoles.GroupAdmin))
        {
            throw new ForbiddenException("A cashier records their own deposits and handover.");
        }

        return cashier;
    }

    /// <summary>The estate's calendar when the request names a visible, announced estate, so the amount can be checked with the rest; null otherwise.</summary>
    private static async Task<ServiceDefaults.Calendars.KnownEstateCalendar?> KnownEstateOrNullAsync(
        BillingDbContext db, EstateScope scope, Guid? estateId, CancellationToken cancellationToken) =>
        estateId is { } id && scope.CanSeeEstate(id)
            ? await db.Set<ServiceDefaults.Calendars.KnownEstateCalendar>().AsNoTracking().SingleOrDefaultAsync(c => c.EstateId == id, cancellationToken)
            : null;

    private static async Task<CashierDay> LockedDayAsync(BillingDbContext db, Guid estateId, string cashier, DateOnly day, CancellationToken cancellationToken)
    {
        var id = await db.CashierDays.Where(d => d.EstateId == estateId && d.Cashier == cashier && d.Day == day).Select(d => (Guid?)d.Id)
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new ConflictException($"Cashier '{cashier}' took no cash on {day:yyyy-MM-dd}: there is nothing to deposit or hand over.");
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM cashier_days WHERE id = {id} FOR UPDATE", cancellationToken);
        return await db.CashierDays.Include(d => d.Deposits).SingleAsync(d => d.Id == id, cancellationToken);
    }

    /// <summary>
    /// What the cashier took on the estate-local day: cash to account for (cash received less cash they refunded that day),
    /// card, the number of payments and their receipts. A reversed payment still counts: its money was received and stays
    /// in the drawer until a refund pays it out.
    /// </summary>
    private static async Task<(decimal Cash, decimal Card, int Count, string[] Receipts)> TakenAsync(
        BillingDbContext db, Guid estateId, string cashier, DateOnly day, EstateCalendar calendar, CancellationToken cancellationToken)
    {
        var (cash, card, count, receipts, _, _) = await DrawerAsync(db, estateId, cashier, day, calendar, cancellationToken);
        return (cash, card, count, receipts);
    }

    private static async Task<(decimal Cash, decimal Card, int Count, string[] Receipts, string[] Reversed, decimal CashRefunded)> DrawerAsync(
        BillingDbContext db, Guid estateId, string cashier, DateOnly day, EstateCalendar calendar, CancellationToken cancellationToken)
    {
        var (from, to) = (calendar.ToInstant(day, TimeOnly.MinValue), calendar.ToInstant(day.AddDays(1), TimeOnly.MinValue));
        var payments = await db.Payments.AsNoTracking()
            .Where(p => p.EstateId == estateId && p.ReceivedBy == cashier && p.ReceivedAt >= from && p.ReceivedAt < to)
            .Select(p => new { p.Method, p.Amount, p.ReceiptNumber, Reversed = db.PaymentReversals.Any(v => v.PaymentId == p.Id) }).ToListAsync(cancellationToken);
        var refunded = await db.Refunds.AsNoTracking()
            .Where(f => f.EstateId == estateId && f.RefundedBy == cashier && f.Method == PaymentMethod.Cash && f.RefundedAt >= from && f.RefundedAt < to)
            .SumAsync(f => f.Amount, cancellationToken);
        return (payments.Where(p => p.Method == PaymentMethod.Cash).Sum(p => p.Amount) - refunded, payments.Where(p => p.Method == PaymentMethod.Card).Sum(p => p.Amount),
            payments.Count, [.. payments.Select(p => p.ReceiptNumber).Order(StringComparer.Ordinal)],
            [.. payments.Where(p => p.Reversed).Select(p => p.ReceiptNumber).Order(StringComparer.Ordinal)], refunded);
    }

    /// <summary>
    /// After a cash refund by <paramref name="cashier"/> (saved in the caller's transaction): when the day's deposits now
    /// cover the cash left to account for, the deposit deadline is met, as a deposit would meet it.
    /// </summary>
    internal static async Task SettleAfterRefundAsync(
        BillingDbContext db, Guid estateId, string cashier, EstateCalendar calendar, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var day = calendar.LocalDay(now);
        var cashierDay = await db.CashierDays.Include(d => d.Deposits)
            .SingleOrDefaultAsync(d => d.EstateId == estateId && d.Cashier == cashier && d.Day == day, cancellationToken);
        if (cashierDay is not null)
        {
            var (cash, _, _, _) = await TakenAsync(db, estateId, cashier, day, calendar, cancellationToken);
            cashierDay.SettleIfDeposited(cash, now);
        }
    }

    internal static async Task<List<CashierDayResponse>> ReconcileAsync(
        BillingDbContext db, Guid estateId, DateOnly day, EstateCalendar calendar, string currency, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (from, to) = (calendar.ToInstant(day, TimeOnly.MinValue), calendar.ToInstant(day.AddDays(1), TimeOnly.MinValue));
        var cashiers = await db.Payments.AsNoTracking().Where(p => p.EstateId == estateId && p.ReceivedAt >= from && p.ReceivedAt < to)
            .Select(p => p.ReceivedBy)
            .Union(db.Refunds.AsNoTracking().Where(f => f.EstateId == estateId && f.Method == PaymentMethod.Cash && f.RefundedAt >= from && f.RefundedAt < to)
                .Select(f => f.RefundedBy))
            .Distinct().ToListAsync(cancellationToken);
        var days = await db.CashierDays.AsNoTracking().Include(d => d.Deposits).Where(d => d.EstateId == estateId && d.Day == day)
            .ToDictionaryAsync(d => d.Cashier, cancellationToken);
        var result = new List<CashierDayResponse>();
        foreach (var cashier in cashiers.Union(days.Keys).Order(StringComparer.Ordinal))
        {
            var (cash, card, count, receipts, reversed, refunded) = await DrawerAsync(db, estateId, cashier, day, calendar, cancellationToken);
            var cashierDay = days.GetValueOrDefault(cashier);
            var deposited = cashierDay?.Deposits.Sum(d => d.Amount) ?? 0m;
            var clock = cashierDay?.Deposit;
            result.Add(new CashierDayResponse(
                estateId, day, cashier, currency, count, receipts, reversed, cash, refunded, card, deposited, cash - deposited, clock?.DueAt,
                clock is null ? null : clock.Met, clock is not null && (clock.BreachedAt is not null || (clock.CompletedAt is null && now > clock.DueAt)),
                [.. (cashierDay?.Deposits ?? []).OrderBy(d => d.DepositedAt).Select(d => new CashDepositResponse(d.Id, d.Amount, d.BankSlipRef, d.RecordedBy, d.DepositedAt))],
                cashierDay?.HandedOverAt, cashierDay?.HandedOverBy, cashierDay?.HandoverDifference, cashierDay?.HandoverExplanation));
        }

        return result;
    }
}
