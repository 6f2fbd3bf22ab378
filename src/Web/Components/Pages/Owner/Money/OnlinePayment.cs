using PropertyPlatform.Web.Api;

namespace PropertyPlatform.Web.Components.Pages.Owner.Money;

/// <summary>
/// An owner's online payment through billing's payment provider: started once per attempt's Idempotency-Key (a double
/// tap or a retry answers the same payment), then pending until the provider's signed callback reaches billing, which
/// the portal learns by asking again: nothing but billing's own answer says that money was taken.
/// </summary>
public static class OnlinePayment
{
    public const string Method = "online";

    public static Task<ApiResult<OnlinePaymentView>> StartAsync(GatewayClient gateway, Guid unitId, decimal amount, string idempotencyKey) =>
        gateway.PostOnceAsync<OnlinePaymentView>("/api/billing/payments/online", new OnlinePaymentBody(unitId, amount, Method), idempotencyKey);

    /// <summary>Asks billing every <paramref name="interval"/> until the payment is no longer pending (or the answer is no payment at all).</summary>
    public static async Task<ApiResult<OnlinePaymentView>> SettledAsync(GatewayClient gateway, Guid paymentId, TimeSpan interval, CancellationToken cancellationToken)
    {
        while (true)
        {
            var read = await gateway.GetAsync<OnlinePaymentView>($"/api/billing/payments/online/{paymentId}", cancellationToken);
            if (!read.Succeeded || read.Value!.Status != "pending")
            {
                return read;
            }

            await Task.Delay(interval, cancellationToken);
        }
    }
}
