using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Billing.Data;
using PropertyPlatform.Billing.Domain;
using PropertyPlatform.Billing.Features.Accounts;
using PropertyPlatform.ServiceDefaults.Data;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Billing.Features.Payments;

/// <summary>An online or direct-debit payment for a unit: <c>method</c> online or direct-debit; <c>receivableIds</c> the items to settle first.</summary>
public sealed record ProviderPaymentCommand(Guid? UnitId, decimal? Amount, string? Method, Guid[]? ReceivableIds);

public sealed record ProviderPaymentResponse(
    Guid Id, Guid EstateId, Guid UnitId, decimal Amount, string Currency, string Method, string Provider, string Reference, string? RedirectUrl, string Status,
    string? FailureReason, Guid? PaymentId, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt);

/// <summary>
/// Online and direct-debit payments through the <see cref="IPaymentProvider"/>: started under an <c>Idempotency-Key</c>
/// (as at the counter), booked with a receipt only when the provider's signed callback confirms; a failed one allocates
/// nothing. The callback is processed exactly once, however often and however concurrently the provider repeats it.
/// </summary>
public static class ProviderPaymentsApi
{
    public const int MaxCallbackBytes = 16 * 1024;

    public static RouteGroupBuilder MapProviderPaymentsApi(this RouteGroupBuilder api)
    {
        var payments = api.MapGroup("/payments").WithTags("Payments");
        payments.MapPost("/online", Start).RequireRoles([.. BillingRoles.Cashiers, PlatformRoles.Owner]);
        payments.MapGet("/online/{id:guid}", Get).RequireRoles([.. BillingRoles.Readers, PlatformRoles.Owner]);
        // The provider has no platform token: its HMAC signature is what authenticates it.
        payments.MapPost("/callbacks/{provider}", Callback).AllowAnonymous();
        return api;
    }

    public static async Task<Results<Created<ProviderPaymentResponse>, Ok<ProviderPaymentResponse>>> Start(
        ProviderPaymentCommand command, [FromHeader(Name = PaymentsApi.IdempotencyHeader)] string? idempotencyKey, BillingDbContext db, EstateScope scope,
        CorrelationContext correlation, TimeProvider time, IEnumerable<IPaymentProvider> providers, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        // Outside Development and Testing a real provider is registered; without one, online payments are refused plainly
        // (a required provider parameter would leave minimal APIs unable to bind this endpoint, and billing answering nothing).
        var provider = providers.FirstOrDefault();
        var key = errors.Text(idempotencyKey, PaymentsApi.IdempotencyHeader, maxLength: 100, minLength: 8);
        var unitId = errors.Id(command.UnitId, "unitId");
        var method = errors.Enum<PaymentMethod>(command.Method?.Replace("-", "", StringComparison.Ordinal), "method");
        if (method is not (PaymentMethod.Online or PaymentMethod.DirectDebit))
        {
            errors.Add("method", "Must be online or direct-debit (the counter takes cash and card).");
        }
        else if (provider is null)
        {
            errors.Add("method", "Online and direct-debit payments are not offered here: no payment provider is configured.");
        }

        var stated = command.ReceivableIds ?? [];
        if (stated.Distinct().Count() != stated.Length)
        {
            errors.Add("receivableIds", "Names an item twice.");
        }

        if (unitId == Guid.Empty)
        {
            errors.ThrowIfAny();
        }

        // The amount's decimals depend on the unit's estate: it is checked with the other fields, before anything is stored.
        var unit = await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.UnitId == unitId, cancellationToken) ?? throw new NotFoundException("Unit", unitId);
        scope.EnsureCanWrite(unit.EstateId, unitId);
        var estate = await BillingEstates.GetAsync(db, unit.EstateId, cancellationToken);
        var amount = errors.Money(command.Amount, estate.Currency, "amount", PaymentsApi.MaxPayment);
        if (command.Amount is 0m)
        {
            errors.Add("amount", "Must be more than 0.");
        }

        errors.ThrowIfAny();
        var payer = provider!; // null was refused with the other fields
        var fingerprint = PaymentsApi.Fingerprint(unitId, amount, method, stated);
        var strategy = db.Database.CreateExecutionStrategy();
        try
        {
            return await strategy.ExecuteAsync(async ct =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({key}, 0))", ct);
                if (await db.ProviderPayments.AsNoTracking().SingleOrDefaultAsync(p => p.IdempotencyKey == key, ct) is { } earlier)
                {
                    return earlier.RequestFingerprint == fingerprint
                        ? (Results<Created<ProviderPaymentResponse>, Ok<ProviderPaymentResponse>>)TypedResults.Ok(ToResponse(earlier))
                        : throw new ConflictException($"The {PaymentsApi.IdempotencyHeader} '{key}' was used for another payment; a new payment needs a new key.");
                }

                var open = await AccountsApi.OpenItemsAsync(db, unitId, ct);
                var unknown = stated.Where(id => open.All(o => o.Item.Id != id)).ToList();
                if (unknown.Count > 0)
                {
                    throw new ValidationFailedException("receivableIds", $"Not open items of this unit: {string.Join(", ", unknown)}.");
                }

                var payment = ProviderPayment.Start(
                    unit.EstateId, unitId, amount, estate.Currency, method, stated, payer.Name, key, fingerprint, correlation.CorrelationId, scope.Account(),
                    time.GetUtcNow());
                var checkout = await payer.StartAsync(new ProviderPaymentRequest(payment.Id, payment.EstateId, unitId, amount, estate.Currency, method), ct);
                payment.SentToProvider(checkout.Reference, checkout.RedirectUrl);
                db.ProviderPayments.Add(payment);
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return TypedResults.Created($"/api/billing/payments/online/{payment.Id}", ToResponse(payment));
            }, cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            throw new ConflictException($"The {PaymentsApi.IdempotencyHeader} '{key}' was used for another payment.");
        }
    }

    public static async Task<Ok<ProviderPaymentResponse>> Get(Guid id, BillingDbContext db, EstateScope scope, CancellationToken cancellationToken)
    {
        var payment = await db.ProviderPayments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        return payment is null || (scope.IsOwnerOnly && !scope.UnitIds.Contains(payment.UnitId))
            ? throw new NotFoundException("Payment", id)
            : TypedResults.Ok(ToResponse(payment));
    }

    /// <summary>
    /// The provider reports an outcome. Verified first (signature and timestamp: 401 otherwise, nothing read or changed);
    /// then the payment's row is locked, so repeated and concurrent callbacks apply once: the first books the payment
    /// (or records the failure), the rest find it done and answer the same.
    /// </summary>
    public static async Task<Results<Ok<ProviderPaymentResponse>, UnauthorizedHttpResult>> Callback(
        string provider, HttpRequest request, IEnumerable<IPaymentProvider> providers, IServiceProvider services, TimeProvider time,
        CancellationToken cancellationToken)
    {
        // Nobody can prove to be a provider billing does not have: that is unauthenticated too.
        var known = providers.SingleOrDefault(p => p.Name == provider);
        if (known is null || request.ContentLength > MaxCallbackBytes)
        {
            return TypedResults.Unauthorized();
        }

        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(cancellationToken);
        if (body.Length > MaxCallbackBytes || known.VerifyCallback(body, request.Headers, time.GetUtcNow()) is not { } callback)
        {
            return TypedResults.Unauthorized();
        }

        // The provider is no platform user: the payment is found and booked as the system, in whichever estate it is.
        await using var db = new BillingDbContext(services.GetRequiredService<DbContextOptions<BillingDbContext>>(), EstateScope.System);
        var strategy = db.Database.CreateExecutionStrategy();
        return TypedResults.Ok(await strategy.ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var id = await db.ProviderPayments.Where(p => p.Provider == known.Name && p.ProviderReference == callback.Reference).Select(p => (Guid?)p.Id)
                .SingleOrDefaultAsync(ct) ?? throw new NotFoundException("Provider payment", callback.Reference);
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM provider_payments WHERE id = {id} FOR UPDATE", ct);
            var payment = await db.ProviderPayments.SingleAsync(p => p.Id == id, ct);
            if (payment.Status != ProviderPaymentStatus.Pending)
            {
                return ToResponse(payment);
            }

            var now = time.GetUtcNow();
            if (callback.Confirmed)
            {
                var unit = await db.Units.AsNoTracking().SingleAsync(u => u.UnitId == payment.UnitId, ct);
                var estate = await BillingEstates.GetAsync(db, payment.EstateId, ct);
                // Items named when the payment started may have been settled since (at the counter): the money then goes to the oldest.
                var open = await AccountsApi.OpenItemsAsync(db, payment.UnitId, ct);
                var stated = payment.ReceivableIds.Where(r => open.Any(o => o.Item.Id == r)).ToList();
                var (booked, _) = await PaymentsApi.BookAsync(
                    db, unit, estate, payment.Amount, payment.Method, stated, $"provider:{payment.Id}", payment.RequestFingerprint, $"provider:{known.Name}",
                    payment.CorrelationId, now, ct);
                payment.Confirmed(booked.Id, now);
            }
            else
            {
                payment.Failed(callback.FailureReason, now);
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return ToResponse(payment);
        }, cancellationToken));
    }

    private static ProviderPaymentResponse ToResponse(ProviderPayment p) => new(
        p.Id, p.EstateId, p.UnitId, p.Amount, p.Currency, PaymentMethods.Name(p.Method), p.Provider, p.ProviderReference, p.RedirectUrl, p.Status.ToString().ToLowerInvariant(),
        p.FailureReason, p.PaymentId, p.CreatedAt, p.CompletedAt);
}
