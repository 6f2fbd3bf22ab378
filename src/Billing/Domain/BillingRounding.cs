using PropertyPlatform.ServiceDefaults.Http;

namespace PropertyPlatform.Billing.Domain;

/// <summary>
/// The one rounding rule of billing: an amount is computed exactly (decimal, never floating point) and rounded once,
/// per bill line, half away from zero to the currency's minor unit (<see cref="Currencies"/>: CNY 2 decimals, fen; JPY
/// 0). A bill's total is the sum of its rounded lines, so the total always equals what the lines show. Amounts that
/// people enter (rates, payments) are never rounded: more decimals than the currency has are refused
/// (<see cref="InputErrors.Money(decimal?, string?, string, decimal, bool)"/>).
/// </summary>
public static class BillingRounding
{
    public static decimal Round(decimal amount, string currency) =>
        Currencies.TryGetScale(currency, out var scale)
            ? decimal.Round(amount, scale, MidpointRounding.AwayFromZero)
            : throw new InvalidOperationException($"'{currency}' is not a currency the platform accepts; it has no rounding rule.");

    /// <summary>An amount as owners read it: with exactly the currency's decimals (CNY 180.00, JPY 1800), invariant digits.</summary>
    public static string Format(decimal amount, string currency) =>
        Round(amount, currency).ToString($"F{(Currencies.TryGetScale(currency, out var scale) ? scale : 0)}", System.Globalization.CultureInfo.InvariantCulture);
}
