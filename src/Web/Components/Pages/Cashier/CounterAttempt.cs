using PropertyPlatform.Web.Api;

namespace PropertyPlatform.Web.Components.Pages.Cashier;

/// <summary>
/// The Idempotency-Key of the payment being taken (<see cref="SendAttempt"/>): one payment is the unit, the amount and
/// the method, so billing books it once however often it is sent. The owner's online payment keys its attempts the same
/// way (<paramref name="prefix"/> says whose key it is in billing's rows).
/// </summary>
public sealed class CounterAttempt(string prefix = "counter")
{
    private readonly SendAttempt _attempt = new(prefix);

    public string Key => _attempt.Key;

    /// <summary>The key to send <paramref name="amount"/> by <paramref name="method"/> for the unit with (12.5 and 12.50 are the same payment to billing, so they keep the key).</summary>
    public string KeyFor(Guid unitId, decimal amount, string method) => _attempt.KeyFor((unitId, amount / 1.0000000000000000000000000000m, method));

    /// <summary>The payment went through: the next one is another payment.</summary>
    public void Completed() => _attempt.Completed();
}
