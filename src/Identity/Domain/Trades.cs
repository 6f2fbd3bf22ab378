using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Identity.Domain;

/// <summary>The maintenance trades of domain.md, as they appear in the <c>trade</c> claim.</summary>
public static class Trades
{
    public static IReadOnlyList<string> All => PlatformTrades.All;
}
