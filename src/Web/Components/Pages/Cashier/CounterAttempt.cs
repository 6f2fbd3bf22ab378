namespace PropertyPlatform.Web.Components.Pages.Cashier;

/// <summary>
/// The Idempotency-Key of the payment being taken: the same key for every send of the same payment (a double click, a
/// retry after a lost answer), so billing books it once; a new key once it is paid or the cashier changes what is paid.
/// The owner's online payment keys its attempts the same way (<paramref name="prefix"/> says whose key it is in billing's rows).
/// </summary>
public sealed class CounterAttempt(string prefix = "counter")
{
    private (Guid UnitId, decimal Amount, string Method)? _payment;

    public string Key { get; private set; } = NewKey(prefix);

    /// <summary>The key to send <paramref name="amount"/> by <paramref name="method"/> for the unit with.</summary>
    public string KeyFor(Guid unitId, decimal amount, string method)
    {
        // 12.5 and 12.50 are the same payment to billing, so they keep the key.
        var payment = (unitId, amount / 1.0000000000000000000000000000m, method);
        if (_payment is { } earlier && earlier != payment)
        {
            Key = NewKey(prefix);
        }

        _payment = payment;
        return Key;
    }

    /// <summary>The payment went through: the next one is another payment.</summary>
    public void Completed()
    {
        _payment = null;
        Key = NewKey(prefix);
    }

    private static string NewKey(string prefix) => $"{prefix}-{Guid.NewGuid():N}";
}
