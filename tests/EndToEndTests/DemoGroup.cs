using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.EndToEndTests;

/// <summary>The demo group the development seed creates, exactly as README lists it: the tests sign in as these people.</summary>
public static class DemoGroup
{
    public const string Password = "Demo-Pass-2026";

    public const string Admin = "admin";
    public const string ManagerNorth = "manager.north";
    public const string ClerkNorth = "clerk.north";
    public const string ClerkSouth = "clerk.south";

    /// <summary>The customer-service supervisor of both estates (North first): the one demo person with the header's estate switch.</summary>
    public const string SupervisorRegion = "supervisor.region";
    public const string TechnicianNorth = "tech.north";

    /// <summary>Owner of North 1-101 (Li Wei) and owner of South 1-101 (Zhang Min); user names are their phone numbers.</summary>
    public const string OwnerNorth = "13800001234";
    public const string OwnerSouth = "13900005678";

    /// <summary>The demo owners' ID numbers in reception's roster (personal data: never in a log, masked in lists).</summary>
    public static readonly string[] OwnerIdNumbers = ["110101198001011234", "310101198502025678"];

    public static readonly Guid North = Guid.Parse("0197a000-0000-7000-8000-000000000001");
    public static readonly Guid South = Guid.Parse("0197a000-0000-7000-8000-000000000002");
    public static readonly Guid NorthUnit101 = Guid.Parse("0197a000-0000-7000-8000-000000000101");
    public static readonly Guid NorthUnit102 = Guid.Parse("0197a000-0000-7000-8000-000000000102");
    public static readonly Guid OwnerLiWeiId = Guid.Parse("0197a000-0000-7000-8000-000000000301");
    public static readonly Guid SouthUnit101 = Guid.Parse("0197a000-0000-7000-8000-000000000201");

    public const string WebConsole = PlatformClients.WebConsole;
    public const string OwnerApp = PlatformClients.OwnerApp;

    public static readonly string[] AllScopes = ["openid", "profile", "offline_access", .. PlatformAudiences.All];

    public static string RedirectUri(string clientId) => clientId == OwnerApp
        ? "propertyplatform://signin-callback"
        : "http://localhost:8080/signin-callback";
}
