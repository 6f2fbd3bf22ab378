using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Billing.Domain;

/// <summary>
/// A payment undone because it was taken in error (the wrong unit, the wrong amount): a new entry pointing at the
/// payment, at most one per payment. The payment, its allocations and its receipt number stay; from the reversal on, its
/// allocations no longer settle anything (the items it paid are open again) and its money is owed back to the payer
/// until refunded. The receipt shows it reversed.
/// </summary>
public sealed class PaymentReversal : IEstateOwned
{
    private PaymentReversal()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public Guid UnitId { get; private set; }

    public Guid PaymentId { get; private set; }

    public decimal Amount { get; private set; }

    public string Currency { get; private set; } = "";

    public string Reason { get; private set; } = "";

    public string ReversedBy { get; private set; } = "";

    public DateTimeOffset ReversedAt { get; private set; }

    public static PaymentReversal Of(Payment payment, string reason, string by, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        EstateId = payment.EstateId,
        UnitId = payment.UnitId,
        PaymentId = payment.Id,
        Amount = payment.Amount,
        Currency = payment.Currency,
        Reason = reason,
        ReversedBy = by,
        ReversedAt = now,
    };
}

/// <summary>
/// Money paid back to the payer of <see cref="PaymentId"/>: out of what the payment left as credit, or out of a reversed
/// payment. <see cref="Method"/> is the channel it went out through (cash from the refunder's drawer, card, or the
/// payment provider); a cash refund counts in <see cref="RefundedBy"/>'s cashier day.
/// </summary>
public sealed class Refund : IEstateOwned
{
    private Refund()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public Guid UnitId { get; private set; }

    public Guid PaymentId { get; private set; }

    public decimal Amount { get; private set; }

    public string Currency { get; private set; } = "";

    public PaymentMethod Method { get; private set; }

    public string Reason { get; private set; } = "";

    public string RefundedBy { get; private set; } = "";

    public DateTimeOffset RefundedAt { get; private set; }

    /// <summary>The client's <c>Idempotency-Key</c>: a retried or double-clicked refund finds this one instead of paying back twice.</summary>
    public string IdempotencyKey { get; private set; } = "";

    /// <summary>The provider that pays an online or direct-debit refund back; null for cash and card, paid at the counter.</summary>
    public string? Provider { get; private set; }

    /// <summary>The provider's reference of the payment refunded.</summary>
    public string? PaymentReference { get; private set; }

    /// <summary>The provider's reference for the refund, once it accepted it.</summary>
    public string? ProviderReference { get; private set; }

    /// <summary>When the provider accepted the refund; null while billing still has to ask it.</summary>
    public DateTimeOffset? SentAt { get; private set; }

    public int SendAttempts { get; private set; }

    public string? LastSendError { get; private set; }

    /// <summary>Paid back by the provider that collected the payment: billing asks it until it accepts (<see cref="Sent"/>).</summary>
    public void ThroughProvider(string provider, string paymentReference) => (Provider, PaymentReference) = (provider, paymentReference);

    public void Sent(string providerReference, DateTimeOffset now)
    {
        (ProviderReference, SentAt, LastSendError) = (providerReference, now, null);
        SendAttempts++;
    }

    public void SendFailed(string error)
    {
        LastSendError = error.Length > 500 ? error[..500] : error;
        SendAttempts++;
    }

    public static Refund Of(Payment payment, decimal amount, PaymentMethod method, string reason, string by, string idempotencyKey, DateTimeOffset now) => new()
    {
        IdempotencyKey = idempotencyKey,
        Id = Guid.CreateVersion7(now),
        EstateId = payment.EstateId,
        UnitId = payment.UnitId,
        PaymentId = payment.Id,
        Amount = amount,
        Currency = payment.Currency,
        Method = method,
        Reason = reason,
        RefundedBy = by,
        RefundedAt = now,
    };
}
