namespace PropertyPlatform.ServiceDefaults.Security;

/// <summary>
/// The maintenance trades of domain.md, as they appear in the <c>trade</c> claim (identity), on staff files and
/// certifications (hr-training) and on work orders (maintenance): one list, so a trade means the same everywhere.
/// </summary>
public static class PlatformTrades
{
    public static readonly IReadOnlyList<string> All = ["plumbing", "electrical", "hvac", "elevator", "civil", "general"];
}
