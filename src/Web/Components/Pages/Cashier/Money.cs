using System.Globalization;

namespace PropertyPlatform.Web.Components.Pages.Cashier;

/// <summary>Amounts as the counter shows them: the decimal billing stores, to the fen, with the estate's currency.</summary>
public static class Money
{
    public static string Format(decimal amount, string currency) =>
        string.Create(CultureInfo.CurrentCulture, $"{amount:N2} {currency}");

    /// <summary>What the cashier typed, read as a decimal in either language (both write 1234.50); null when it is not one.</summary>
    public static decimal? Parse(string? text) =>
        decimal.TryParse(text?.Trim().Replace(",", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture, out var amount)
            ? amount
            : null;

    public static string Input(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
}
