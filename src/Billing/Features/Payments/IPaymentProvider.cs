using PropertyPlatform.Billing.Domain;

namespace PropertyPlatform.Billing.Features.Payments;

/// <summary>What billing asks a payment provider to collect: its own payment id is the provider's merchant reference.</summary>
public sealed record ProviderPaymentRequest(Guid ProviderPaymentId, Guid EstateId, Guid UnitId, decimal Amount, string Currency, PaymentMethod Method);

/// <summary>The provider's reference for the payment and, for online payments, where the payer completes it.</summary>
public sealed record ProviderCheckout(string Reference, Uri? RedirectUrl);

/// <summary>
/// Money to pay back on a payment the provider collected (<see cref="PaymentReference"/>). <see cref="RefundId"/> is
/// billing's refund id: the provider's idempotency key for the refund, so asking again never pays back twice.
/// </summary>
public sealed record ProviderRefundRequest(Guid RefundId, string PaymentReference, decimal Amount, string Currency);

/// <summary>A verified callback: the payment <see cref="Reference"/> was confirmed or failed.</summary>
public sealed record ProviderCallback(string Reference, bool Confirmed, string? FailureReason);

/// <summary>
/// An online or direct-debit payment provider. Billing starts a payment with it and learns the outcome only from the
/// provider's callback, which the provider signs: <see cref="VerifyCallback"/> returns null for a callback that is not
/// the provider's (bad signature, stale timestamp), so nothing is booked from it.
/// </summary>
public interface IPaymentProvider
{
    /// <summary>The provider's name, in the callback's path (<c>/api/billing/payments/callbacks/{name}</c>).</summary>
    string Name { get; }

    Task<ProviderCheckout> StartAsync(ProviderPaymentRequest request, CancellationToken cancellationToken);

    ProviderCallback? VerifyCallback(string body, IHeaderDictionary headers, DateTimeOffset now);

    /// <summary>
    /// Asks the provider to pay a refund back to the payer's account; returns the provider's reference for it. Throws when
    /// the provider cannot be reached or refuses: billing keeps the refund and asks again (<see cref="ProviderRefunds"/>).
    /// </summary>
    Task<string> RefundAsync(ProviderRefundRequest request, CancellationToken cancellationToken);
}
