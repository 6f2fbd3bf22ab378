using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Billing.Domain;

public enum ProviderPaymentStatus
{
    /// <summary>Sent to the provider; nothing is allocated until it confirms.</summary>
    Pending,

    /// <summary>The provider confirmed: <see cref="ProviderPayment.PaymentId"/> is the payment booked, with its receipt.</summary>
    Confirmed,

    /// <summary>The provider failed it: nothing was allocated, and nothing ever will be for it.</summary>
    Failed,
}

/// <summary>
/// An online or direct-debit payment while a payment provider handles it. It becomes a <see cref="Payment"/> (receipt,
/// allocations) only when the provider's verified callback confirms it; its status changes once, whatever the number of
/// callbacks. Created under the client's <c>Idempotency-Key</c>, like a counter payment.
/// </summary>
public sealed class ProviderPayment : IEstateOwned
{
    private ProviderPayment()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public Guid UnitId { get; private set; }

    public decimal Amount { get; private set; }

    public string Currency { get; private set; } = "";

    public PaymentMethod Method { get; private set; }

    public Guid[] ReceivableIds { get; private set; } = [];

    public string Provider { get; private set; } = "";

    public string ProviderReference { get; private set; } = "";

    public string? RedirectUrl { get; private set; }

    public ProviderPaymentStatus Status { get; private set; }

    public string IdempotencyKey { get; private set; } = "";

    public string RequestFingerprint { get; private set; } = "";

    public Guid CorrelationId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public string CreatedBy { get; private set; } = "";

    public DateTimeOffset? CompletedAt { get; private set; }

    public string? FailureReason { get; private set; }

    public Guid? PaymentId { get; private set; }

    public static ProviderPayment Start(
        Guid estateId, Guid unitId, decimal amount, string currency, PaymentMethod method, Guid[] receivableIds, string provider, string key, string fingerprint,
        Guid correlationId, string by, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        EstateId = estateId,
        UnitId = unitId,
        Amount = amount,
        Currency = currency,
        Method = method,
        ReceivableIds = receivableIds,
        Provider = provider,
        Status = ProviderPaymentStatus.Pending,
        IdempotencyKey = key,
        RequestFingerprint = fingerprint,
        CorrelationId = correlationId,
        CreatedAt = now,
        CreatedBy = by,
    };

    public void SentToProvider(string reference, Uri? redirectUrl) => (ProviderReference, RedirectUrl) = (reference, redirectUrl?.ToString());

    public void Confirmed(Guid paymentId, DateTimeOffset now) => (Status, PaymentId, CompletedAt) = (ProviderPaymentStatus.Confirmed, paymentId, now);

    public void Failed(string? reason, DateTimeOffset now) =>
        (Status, FailureReason, CompletedAt) = (ProviderPaymentStatus.Failed, reason is { Length: > 500 } ? reason[..500] : reason, now);
}
