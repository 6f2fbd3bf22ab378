using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Reception.Features;

internal static class CallerNames
{
    /// <summary>The caller's account (token subject), as records keep who did what.</summary>
    public static string Account(this EstateScope scope) => scope.Subject ?? "";

    /// <summary>The caller's display name from the token, or the account when the token has none.</summary>
    public static string DisplayName(this EstateScope scope) => scope.Name ?? scope.Account();
}
