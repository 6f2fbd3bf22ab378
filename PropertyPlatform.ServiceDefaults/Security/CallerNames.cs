namespace PropertyPlatform.ServiceDefaults.Security;

/// <summary>Who the caller is, as records keep it: the account for who did what, the name for people to read.</summary>
public static class CallerNames
{
    /// <summary>The caller's account (token subject), as records keep who did what.</summary>
    public static string Account(this EstateScope scope) => scope.Subject ?? "";

    /// <summary>The caller's display name from the token, or the account when the token has none.</summary>
    public static string DisplayName(this EstateScope scope) => scope.Name ?? scope.Account();
}
