using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Billing.Data;
using PropertyPlatform.Billing.Domain;
using PropertyPlatform.Billing.Features.CashierDays;
using PropertyPlatform.Contracts.Billing;
using PropertyPlatform.ServiceDefaults.Data;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Messaging;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Billing.Features.Payments;

/// <summary>Undoes a payment taken in error; <c>reason</c> required.</summary>
public sealed record ReversalCommand(string? Reason);

/// <summary>Pays money back: <c>method</c> cash, card, online or direct-debit (the channel it goes out through); <c>amount</c> at most what is refundable.</summary>
public sealed record RefundCommand(decimal? Amount, string? Method, string? Reason);

public sealed record RefundResponse(
    Guid Id, Guid PaymentId, Guid UnitId, decimal Amount, string Currency, string Method, string Reason, string RefundedBy, DateTimeOffset RefundedAt,
    decimal StillRefundable, string? Provider = null, string? ProviderReference = null, DateTimeOffset? SentToProviderAt = null);

/// <summary>
/// Reversals and refunds, new entries pointing at the payment. A reversal (the estate manager, the cashier's
/// supervisor) keeps the payment and its receipt number (receipts stay gap-free; the receipt shows it reversed), reopens
/// the items it paid and turns its money into money owed back to the payer. A refund pays back a reversed payment's money
/// (a cashier may, the reversal being approved) or a payment's unused credit (the estate manager only); a cash refund is
/// counted in the refunder's cashier day.
/// </summary>
public static class PaymentCorrectionsApi
{
    public const int MaxReason = 2000;

    public static RouteGroupBuilder MapPaymentCorrectionsApi(this RouteGroupBuilder api)
    {
        var payments = api.MapGroup("/payments").WithTags("Payments");
        payments.MapPost("/{id:guid}/reversal", Reverse).RequireRoles(BillingRoles.EstateManagers);
        payments.MapPost("/{id:guid}/refunds", RefundPayment).RequireRoles(BillingRoles.Cashiers);
        return api;
    }

    public static async Task<Ok<PaymentResponse>> Reverse(
        Guid id, ReversalCommand command, BillingDbContext db, EstateScope scope, CorrelationContext correlation, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var reason = errors.Text(command.Reason, "reason", MaxReason);
        errors.ThrowIfAny();
        var found = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken) ?? throw new NotFoundException("Payment", id);
        scope.EnsureCanWrite(found.EstateId, found.UnitId);
        var strategy = db.Database.CreateExecutionStrategy();
        try
        {
            return TypedResults.Ok(await strategy.ExecuteAsync(async ct =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var (payment, unit) = await LockedAsync(db, id, ct);
                if (await db.PaymentReversals.AnyAsync(v => v.PaymentId == id, ct))
                {
                    throw new ConflictException($"Payment '{id}' ({payment.ReceiptNumber}) is already reversed.");
                }

                if (await db.Refunds.AnyAsync(f => f.PaymentId == id, ct))
                {
                    throw new ConflictException($"Part of payment '{id}' was refunded as credit: it can no longer be reversed.");
                }

                var now = time.GetUtcNow();
                var reversal = PaymentReversal.Of(payment, reason, scope.Account(), now);
                db.PaymentReversals.Add(reversal);
                db.AddIntegrationEvent(new PaymentReversed(
                    Guid.CreateVersion7(now), now, payment.EstateId, correlation.CorrelationId, reversal.Id, payment.Id, payment.UnitId, unit.OwnerId,
                    payment.Amount, payment.Currency, payment.ReceiptNumber, reason, reversal.ReversedBy));
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return await PaymentsApi.WithAllocationsAsync(db, payment, ct);
            }, cancellationToken));
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            throw new ConflictException($"Payment '{id}' is already reversed.");
        }
    }

    /// <summary>
    /// Pays money back, exactly once per <c>Idempotency-Key</c> header: a retry with the same key and body answers the refund
    /// made (200); the same key with another payment, amount or channel is a 409.
    /// </summary>
    public static async Task<Results<Created<RefundResponse>, Ok<RefundResponse>>> RefundPayment(
        Guid id, RefundCommand command, [FromHeader(Name = PaymentsApi.IdempotencyHeader)] string? idempotencyKey, BillingDbContext db, EstateScope scope,
        CorrelationContext correlation, TimeProvider time, IEnumerable<IPaymentProvider> providers, ILogger<ProviderRefunds> logger,
        CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var key = errors.Text(idempotencyKey, PaymentsApi.IdempotencyHeader, maxLength: 100, minLength: 8);
        var reason = errors.Text(command.Reason, "reason", MaxReason);
        var method = Enum.GetValues<PaymentMethod>().Where(m => string.Equals(PaymentMethods.Name(m), command.Method?.Trim(), StringComparison.OrdinalIgnoreCase))
            .Cast<PaymentMethod?>().FirstOrDefault();
        if (method is null)
        {
            errors.Add("method", $"Must be one of: {string.Join(", ", Enum.GetValues<PaymentMethod>().Select(PaymentMethods.Name))}.");
        }

        var found = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken) ?? throw new NotFoundException("Payment", id);
        scope.EnsureCanWrite(found.EstateId, found.UnitId);
        var amount = errors.Money(command.Amount, found.Currency, "amount", found.Amount);
        if (command.Amount is 0m)
        {
            errors.Add("amount", "Must be more than 0.");
        }

        errors.ThrowIfAny();
        var estate = await BillingEstates.GetAsync(db, found.EstateId, cancellationToken);
        var strategy = db.Database.CreateExecutionStrategy();
        try
        {
            var result = await strategy.ExecuteAsync(async ct => await RefundOnceAsync(ct), cancellationToken);
            var refund = result.Result switch
            {
                Created<RefundResponse> created => created.Value!,
                Ok<RefundResponse> ok => ok.Value!,
                _ => throw new InvalidOperationException("A refund answers Created or Ok."),
            };
            if (refund.Provider is null || refund.SentToProviderAt is not null)
            {
                return result;
            }

            // Committed: now ask the provider (a provider that is down leaves it to the periodic sender).
            await ProviderRefunds.SendAsync(db, providers, refund.Id, time.GetUtcNow(), logger, cancellationToken);
            var sent = await db.Refunds.AsNoTracking().SingleAsync(f => f.Id == refund.Id, cancellationToken);
            var answer = refund with { ProviderReference = sent.ProviderReference, SentToProviderAt = sent.SentAt };
            return result.Result is Created<RefundResponse> ? TypedResults.Created($"/api/billing/payments/{id}", answer) : TypedResults.Ok(answer);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            // Only a key used for another estate's refund gets here (the unit lock and the look-up serialize the rest).
            throw new ConflictException($"The {PaymentsApi.IdempotencyHeader} '{key}' was used for another refund.");
        }

        async Task<Results<Created<RefundResponse>, Ok<RefundResponse>>> RefundOnceAsync(CancellationToken ct)
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({key}, 0))", ct);
            var (payment, unit) = await LockedAsync(db, id, ct);
            if (await db.Refunds.AsNoTracking().SingleOrDefaultAsync(f => f.IdempotencyKey == key, ct) is { } earlier)
            {
                return earlier.PaymentId == id && earlier.Amount == amount && earlier.Method == method
                    ? TypedResults.Ok(ToResponse(earlier, await RefundableAsync(db, payment, await db.PaymentReversals.AnyAsync(v => v.PaymentId == id, ct), ct)))
                    : throw new ConflictException($"The {PaymentsApi.IdempotencyHeader} '{key}' was used for another refund; a new refund needs a new key.");
            }

            var reversed = await db.PaymentReversals.AnyAsync(v => v.PaymentId == id, ct);
            if (!reversed && !scope.IsInRole(PlatformRoles.EstateManager) && !scope.IsInRole(PlatformRoles.GroupAdmin))
            {
                throw new ForbiddenException("Paying back a payment's credit is decided by the estate manager; a cashier refunds a reversed payment.");
            }

            var refundable = await RefundableAsync(db, payment, reversed, ct);
            if (amount > refundable)
            {
                // Two whole sentences, not one joined from parts, so that each has its Chinese (Resources/ProblemTexts.zh-CN.resx).
                var most = BillingRounding.Format(refundable, payment.Currency);
                throw new ValidationFailedException("amount", reversed
                    ? $"Cannot be more than the {most} {payment.Currency} refundable on the payment (its amount less what was refunded)."
                    : $"Cannot be more than the {most} {payment.Currency} refundable on the payment (the credit it left, less what was refunded).");
            }

            var now = time.GetUtcNow();
            var refund = Refund.Of(payment, amount, method!.Value, reason, scope.Account(), key, now);
            if (method is PaymentMethod.Online or PaymentMethod.DirectDebit)
            {
                // Money that came through a provider goes back through it, to the account it came from.
                var collected = await db.ProviderPayments.AsNoTracking()
                    .SingleOrDefaultAsync(p => p.PaymentId == payment.Id && p.Status == ProviderPaymentStatus.Confirmed, ct);
                if (collected is null || !providers.Any(p => p.Name == collected.Provider))
                {
                    throw new ValidationFailedException("method", collected is null
                        ? "The payment did not come through a payment provider: pay it back in cash or by card."
                        : $"The payment provider '{collected.Provider}' that collected the payment is not configured here.");
                }

                refund.ThroughProvider(collected.Provider, collected.ProviderReference);
            }

            db.Refunds.Add(refund);
            db.AddIntegrationEvent(new PaymentRefunded(
                Guid.CreateVersion7(now), now, payment.EstateId, correlation.CorrelationId, refund.Id, payment.Id, payment.UnitId, unit.OwnerId, amount,
                payment.Currency, PaymentMethods.Name(refund.Method), reason, refund.RefundedBy));
            await db.SaveChangesAsync(ct);
            if (refund.Method == PaymentMethod.Cash)
            {
                await CashierDaysApi.SettleAfterRefundAsync(db, payment.EstateId, refund.RefundedBy, estate.ToCalendar(), now, ct);
                await db.SaveChangesAsync(ct);
            }

            await transaction.CommitAsync(ct);
            return TypedResults.Created($"/api/billing/payments/{payment.Id}", ToResponse(refund, refundable - amount));
        }
    }

    private static RefundResponse ToResponse(Refund refund, decimal stillRefundable) => new(
        refund.Id, refund.PaymentId, refund.UnitId, refund.Amount, refund.Currency, PaymentMethods.Name(refund.Method), refund.Reason, refund.RefundedBy,
        refund.RefundedAt, stillRefundable, refund.Provider, refund.ProviderReference, refund.SentAt);

    /// <summary>What may still be paid back on the payment: a reversed one's whole amount, otherwise the credit it left; less what was refunded.</summary>
    private static async Task<decimal> RefundableAsync(BillingDbContext db, Payment payment, bool reversed, CancellationToken ct)
    {
        var refunded = await db.Refunds.Where(f => f.PaymentId == payment.Id).SumAsync(f => f.Amount, ct);
        var settled = reversed ? 0m : await db.Allocations.Where(a => a.PaymentId == payment.Id).SumAsync(a => a.Amount, ct);
        return payment.Amount - settled - refunded;
    }

    /// <summary>The payment, with its unit's row locked: payments, adjustments, reversals and refunds of one unit queue on it.</summary>
    private static async Task<(Payment Payment, BillableUnit Unit)> LockedAsync(BillingDbContext db, Guid paymentId, CancellationToken ct)
    {
        var payment = await db.Payments.AsNoTracking().SingleAsync(p => p.Id == paymentId, ct);
        var unit = await db.Units.FromSql($"SELECT * FROM billable_units WHERE unit_id = {payment.UnitId} FOR UPDATE").AsNoTracking().SingleAsync(ct);
        return (payment, unit);
    }
}
