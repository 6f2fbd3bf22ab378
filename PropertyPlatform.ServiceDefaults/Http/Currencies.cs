namespace PropertyPlatform.ServiceDefaults.Http;

/// <summary>
/// The currencies the platform accepts, with their ISO 4217 minor units (how many decimals an amount may have).
/// Estates of the group bill in one of these; a currency not listed here cannot be priced until it is added.
/// </summary>
public static class Currencies
{
    private static readonly Dictionary<string, int> MinorUnits = new(StringComparer.Ordinal)
    {
        ["CNY"] = 2,
        ["HKD"] = 2,
        ["MOP"] = 2,
        ["TWD"] = 2,
        ["SGD"] = 2,
        ["USD"] = 2,
        ["EUR"] = 2,
        ["GBP"] = 2,
        ["JPY"] = 0,
        ["KRW"] = 0,
    };

    public static IReadOnlyCollection<string> Accepted => MinorUnits.Keys;

    /// <summary>The number of decimals an amount in <paramref name="currency"/> may have (CNY: 2, fen).</summary>
    public static bool TryGetScale(string? currency, out int scale) => MinorUnits.TryGetValue(currency ?? "", out scale);
}
