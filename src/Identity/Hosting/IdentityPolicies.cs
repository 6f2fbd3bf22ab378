using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Identity.Hosting;

/// <summary>Authorization and rate-limiting policy names of the identity service.</summary>
public static class IdentityPolicies
{
    /// <summary>Group admins and estate managers administer accounts (estate managers only in their estates).</summary>
    public const string AccountAdministrators = "account-administrators";

    /// <summary>Who may hand an owner an activation code (estate-bound unless group-admin).</summary>
    public const string ActivationIssuers = "activation-issuers";

    /// <summary>Password guessing: a fixed window of attempts per client IP and minute.</summary>
    public const string LoginAttempts = "login-attempts";

    public const string ActivationAttempts = "activation-attempts";

    public static readonly string[] AccountAdministratorRoles = [PlatformRoles.GroupAdmin, PlatformRoles.EstateManager];

    public static readonly string[] ActivationIssuerRoles =
    [
        PlatformRoles.GroupAdmin, PlatformRoles.EstateManager, PlatformRoles.CustomerServiceSupervisor, PlatformRoles.FrontDeskClerk,
    ];
}
