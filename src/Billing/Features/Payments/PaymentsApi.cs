using PropertyPlatform.ServiceDefaults.Data;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Billing.Data;
using PropertyPlatform.Billing.Domain;
using PropertyPlatform.Billing.Features.Accounts;
using PropertyPlatform.Billing.Features.CashierDays;
using PropertyPlatform.Billing.Features.Reports;
using PropertyPlatform.Contracts.Billing;
using PropertyPlatform.Contracts.Notifications;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Messaging;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Billing.Features.Payments;

/// <summary>
/// Money taken at the counter for a unit: <c>method</c> cash or card; <c>receivableIds</c> names the open items to settle
/// first (otherwise the oldest are).
/// </summary>
public sealed record CounterPaymentCommand(Guid? UnitId, decimal? Amount, string? Method, Guid[]? ReceivableIds);

public sealed record AllocationResponse(Guid ReceivableId, decimal Amount);

public sealed record PaymentResponse(
    Guid Id, Guid EstateId, Guid UnitId, decimal Amount, string Currency, string Method, string ReceiptNumber, DateTimeOffset ReceivedAt, string ReceivedBy,
    AllocationResponse[] Allocations, decimal Unallocated, DateTimeOffset? ReversedAt = null, string? ReversalReason = null, decimal Refunded = 0m);

/// <summary>
/// Counter payments, exactly once: the client sends an <c>Idempotency-Key</c> header, and every retry of the same key
/// with the same body answers the one payment made (the same key with another body is 409). Requests with one key are
/// serialized by a transaction-scoped advisory lock, and the key's unique index is the last word. Each payment takes the
/// next receipt number of its estate and year in its own transaction.
/// </summary>
public static class PaymentsApi
{
    public const string IdempotencyHeader = "Idempotency-Key";

    /// <summary>The most one counter payment may be: far above any real one, so a typo is caught.</summary>
    public const decimal MaxPayment = 10_000_000m;

    public static RouteGroupBuilder MapPaymentsApi(this RouteGroupBuilder api)
    {
        var payments = api.MapGroup("/payments").WithTags("Payments");
        payments.MapPost("/counter", PayAtCounter).RequireRoles(BillingRoles.Cashiers);
        // An owner reads their own units' payments: the receipt of what they paid online.
        payments.MapGet("/{id:guid}", Get).RequireRoles([.. BillingRoles.Readers, PlatformRoles.Owner]);
        // An owner lists their own units' payments: their receipt history.
        payments.MapGet("/", List).RequireRoles([.. BillingRoles.Readers, PlatformRoles.Owner]);
        return api;
    }

    public static async Task<Results<Created<PaymentResponse>, Ok<PaymentResponse>>> PayAtCounter(
        CounterPaymentCommand command, [FromHeader(Name = IdempotencyHeader)] string? idempotencyKey, BillingDbContext db, EstateScope scope,
        CorrelationContext correlation, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var key = errors.Text(idempotencyKey, IdempotencyHeader, maxLength: 100, minLength: 8);
        var unitId = errors.Id(command.UnitId, "unitId");
        var method = errors.Enum<PaymentMethod>(command.Method, "method");
        if (method is not (PaymentMethod.Cash or PaymentMethod.Card))
        {
            errors.Add("method", "The counter takes cash or card.");
        }

        var stated = command.ReceivableIds ?? [];
        if (stated.Distinct().Count() != stated.Length)
        {
            errors.Add("receivableIds", "Names an item twice.");
        }

        errors.ThrowIfAny();
        var unit = await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.UnitId == unitId, cancellationToken) ?? throw new NotFoundException("Unit", unitId);
        scope.EnsureCanWrite(unit.EstateId, unitId);
        var estate = await BillingEstates.GetAsync(db, unit.EstateId, cancellationToken);
        var amount = errors.Money(command.Amount, estate.Currency, "amount", MaxPayment);
        if (command.Amount is 0m)
        {
            errors.Add("amount", "Must be more than 0.");
        }

        errors.ThrowIfAny();
        var fingerprint = Fingerprint(unitId, amount, method, stated);
        if (await ReplayAsync(db, key, fingerprint, cancellationToken) is { } earlier)
        {
            return TypedResults.Ok(earlier);
        }

        var strategy = db.Database.CreateExecutionStrategy();
        try
        {
            return await strategy.ExecuteAsync(async ct =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({key}, 0))", ct);
                if (await ReplayAsync(db, key, fingerprint, ct) is { } replayed)
                {
                    return (Results<Created<PaymentResponse>, Ok<PaymentResponse>>)TypedResults.Ok(replayed);
                }

                var (payment, allocations) = await BookAsync(
                    db, unit, estate, amount, method, stated, key, fingerprint, scope.Account(), correlation.CorrelationId, time.GetUtcNow(), ct);
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return TypedResults.Created($"/api/billing/payments/{payment.Id}", ToResponse(payment, [.. allocations.Select(a => new AllocationResponse(a.ReceivableId, a.Amount))]));
            }, cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // Only a key used for another estate's payment gets here (the lock serializes the rest): that body differs.
            throw new ConflictException($"The {IdempotencyHeader} '{key}' was used for another payment.");
        }
    }

    public static async Task<Ok<PaymentResponse>> Get(Guid id, BillingDbContext db, CancellationToken cancellationToken)
    {
        var payment = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (payment is null || (db.Scope.IsOwnerOnly && !db.Scope.UnitIds.Contains(payment.UnitId)))
        {
            throw new NotFoundException("Payment", id);
        }

        return TypedResults.Ok(await WithAllocationsAsync(db, payment, cancellationToken));
    }

    /// <summary>Payments of the caller's estates (an owner's: of their own units), newest first; by unit.</summary>
    public static async Task<Ok<Page<PaymentResponse>>> List(BillingDbContext db, Guid? unitId, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var query = db.Payments.AsNoTracking();
        var ownUnits = db.Scope.UnitIds;
        query = db.Scope.IsOwnerOnly ? query.Where(p => ownUnits.Contains(p.UnitId)) : query;
        query = unitId is null ? query : query.Where(p => p.UnitId == unitId);
        return TypedResults.Ok(await query.ToKeysetPageAsync(p => p.ReceivedAt, p => p.Id, cursor, limit, p => ToResponse(p, []), cancellationToken));
    }

    /// <summary>
    /// Books money received for a unit, inside the caller's transaction: settles the stated items, then the oldest;
    /// takes the next receipt number; opens the cashier's day for cash; closes arrears it clears; announces the payment.
    /// </summary>
    internal static async Task<(Payment Payment, List<(Guid ReceivableId, decimal Amount)> Allocations)> BookAsync(
        BillingDbContext db, BillableUnit unit, KnownEstateCalendar estate, decimal amount, PaymentMethod method, IReadOnlyList<Guid> stated, string key,
        string fingerprint, string receivedBy, Guid correlationId, DateTimeOffset now, CancellationToken ct)
    {
        // The unit's account is settled by one payment at a time, so two payments never split the same open amount.
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM billable_units WHERE unit_id = {unit.UnitId} FOR UPDATE", ct);
        var open = await AccountsApi.OpenItemsAsync(db, unit.UnitId, ct);
        var unknown = stated.Where(id => open.All(o => o.Item.Id != id)).ToList();
        if (unknown.Count > 0)
        {
            throw new ValidationFailedException("receivableIds", $"Not open items of this unit: {string.Join(", ", unknown)}.");
        }

        var (allocations, credit) = PaymentAllocation.Allocate(
            amount, [.. open.Select(o => new OpenItem(o.Item.Id, o.Item.DueOn, o.Item.BookedAt, o.Outstanding))], stated);
        var calendar = estate.ToCalendar();
        var year = calendar.LocalDay(now).Year;
        var sequence = await NextReceiptAsync(db, unit.EstateId, year, ct);
        var payment = Payment.Receive(unit.EstateId, unit.UnitId, amount, estate.Currency, method, credit, key, fingerprint, year, sequence, receivedBy, now);
        db.Payments.Add(payment);
        db.Allocations.AddRange(allocations.Select(a => new Allocation
        {
            Id = Guid.CreateVersion7(now), EstateId = unit.EstateId, PaymentId = payment.Id, ReceivableId = a.ReceivableId, Amount = a.Amount, AllocatedAt = now,
        }));
        if (method == PaymentMethod.Cash)
        {
            await CashierDaysApi.CashTakenAsync(db, unit.EstateId, receivedBy, amount, calendar, now, ct);
        }

        var today = calendar.LocalDay(now);
        await ReportsApi.EnsureMonthAsync(db, unit.EstateId, new DateOnly(today.Year, today.Month, 1), calendar, now, ct);
        await CloseSettledArrearsAsync(db, unit.UnitId, open.Select(o => (o.Item, o.Outstanding)), allocations, calendar.LocalDay(now), now, ct);
        Announce(db, payment, unit, correlationId, now);
        return (payment, [.. allocations]);
    }

    /// <summary>
    /// Closes the unit's open arrears case when nothing of the unit is overdue any more (call after saving what settled or
    /// took off its items, in the same transaction): a later arrears starts the ladder again from the reminder.
    /// </summary>
    internal static async Task CloseArrearsIfNothingOverdueAsync(BillingDbContext db, Guid unitId, DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        var open = await AccountsApi.OpenItemsAsync(db, unitId, ct);
        if (!open.Any(o => o.Item.DueOn < today) && await db.ArrearsCases.SingleOrDefaultAsync(c => c.UnitId == unitId && c.ClosedAt == null, ct) is { } arrears)
        {
            arrears.Close(now);
        }
    }

    /// <summary>The payment made earlier with <paramref name="key"/>; 409 when it was made with another body.</summary>
    private static async Task<PaymentResponse?> ReplayAsync(BillingDbContext db, string key, string fingerprint, CancellationToken cancellationToken)
    {
        var earlier = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.IdempotencyKey == key, cancellationToken);
        if (earlier is null)
        {
            // A payment of another estate under this key is invisible here; the unique index turns it into a 409.
            return null;
        }

        return earlier.RequestFingerprint == fingerprint
            ? await WithAllocationsAsync(db, earlier, cancellationToken)
            : throw new ConflictException($"The {IdempotencyHeader} '{key}' was used for another payment; a new payment needs a new key.");
    }

    /// <summary>The unit's arrears end once this payment leaves nothing overdue: a later arrears starts the ladder again from the reminder.</summary>
    private static async Task CloseSettledArrearsAsync(
        BillingDbContext db, Guid unitId, IEnumerable<(Receivable Item, decimal Outstanding)> open, IReadOnlyList<(Guid ReceivableId, decimal Amount)> allocations,
        DateOnly today, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var stillOverdue = open.Where(o => o.Item.DueOn < today)
            .Any(o => o.Outstanding > allocations.Where(a => a.ReceivableId == o.Item.Id).Sum(a => a.Amount));
        if (!stillOverdue && await db.ArrearsCases.SingleOrDefaultAsync(c => c.UnitId == unitId && c.ClosedAt == null, cancellationToken) is { } arrears)
        {
            arrears.Close(now);
        }
    }

    /// <summary>
    /// The next receipt number of the estate and year, taken in the payment's transaction: concurrent payments queue on
    /// the counter row, and a payment that rolls back returns its number, so numbers have no gaps.
    /// </summary>
    private static async Task<long> NextReceiptAsync(BillingDbContext db, Guid estateId, int year, CancellationToken cancellationToken) =>
        (await db.Database.SqlQuery<long>($"""
            INSERT INTO receipt_counters (estate_id, year, last_number) VALUES ({estateId}, {year}, 1)
            ON CONFLICT (estate_id, year) DO UPDATE SET last_number = receipt_counters.last_number + 1
            RETURNING last_number AS "Value"
            """).ToListAsync(cancellationToken)).Single();

    private static void Announce(BillingDbContext db, Payment payment, BillableUnit unit, Guid correlationId, DateTimeOffset now)
    {
        var method = PaymentMethods.Name(payment.Method);
        db.AddIntegrationEvent(new PaymentReceived(
            Guid.CreateVersion7(now), now, payment.EstateId, correlationId, payment.Id, payment.UnitId, unit.OwnerId, payment.Amount, payment.Currency, method,
            payment.ReceiptNumber));
        if (unit.OwnerId is not { } ownerId)
        {
            return;
        }

        db.AddIntegrationEvent(new NotificationRequested(
            Guid.CreateVersion7(now), now, payment.EstateId, correlationId, "owner", ownerId, BillingNotifications.PaymentReceived,
            new Dictionary<string, string>
            {
                ["unitNumber"] = unit.Number,
                ["amount"] = BillingRounding.Format(payment.Amount, payment.Currency),
                ["currency"] = payment.Currency,
                ["method"] = method,
                ["receiptNumber"] = payment.ReceiptNumber,
                ["receivedAt"] = payment.ReceivedAt.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
                ["paymentId"] = payment.Id.ToString(),
            },
            "normal"));
    }

    /// <summary>What makes two requests the same payment: the unit, the exact amount (12.5 = 12.50), the method and the stated items.</summary>
    internal static string Fingerprint(Guid unitId, decimal amount, PaymentMethod method, IReadOnlyList<Guid> stated)
    {
        var canonical = string.Join('|', unitId.ToString(), (amount / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture), method.ToString(),
            string.Join(',', stated));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    internal static async Task<PaymentResponse> WithAllocationsAsync(BillingDbContext db, Payment payment, CancellationToken cancellationToken)
    {
        var allocations = await db.Allocations.AsNoTracking().Where(a => a.PaymentId == payment.Id).OrderBy(a => a.Id)
            .Select(a => new AllocationResponse(a.ReceivableId, a.Amount)).ToListAsync(cancellationToken);
        var reversal = await db.PaymentReversals.AsNoTracking().SingleOrDefaultAsync(v => v.PaymentId == payment.Id, cancellationToken);
        var refunded = await db.Refunds.Where(f => f.PaymentId == payment.Id).SumAsync(f => f.Amount, cancellationToken);
        return ToResponse(payment, [.. allocations]) with { ReversedAt = reversal?.ReversedAt, ReversalReason = reversal?.Reason, Refunded = refunded };
    }

    private static PaymentResponse ToResponse(Payment p, AllocationResponse[] allocations) => new(
        p.Id, p.EstateId, p.UnitId, p.Amount, p.Currency, PaymentMethods.Name(p.Method), p.ReceiptNumber, p.ReceivedAt, p.ReceivedBy, allocations,
        p.Unallocated);
}
