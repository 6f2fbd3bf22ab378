namespace PropertyPlatform.Identity.Domain;

/// <summary>The maintenance trades of domain.md, as they appear in the <c>trade</c> claim.</summary>
public static class Trades
{
    public static readonly IReadOnlyList<string> All = ["plumbing", "electrical", "hvac", "elevator", "civil", "general"];
}
