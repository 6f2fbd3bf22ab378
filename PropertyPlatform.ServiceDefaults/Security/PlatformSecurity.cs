namespace PropertyPlatform.ServiceDefaults.Security;

/// <summary>The roles of domain.md, as they appear in the <c>role</c> claim of an access token.</summary>
public static class PlatformRoles
{
    public const string GroupAdmin = "group-admin";
    public const string EstateManager = "estate-manager";
    public const string CustomerServiceSupervisor = "cs-supervisor";
    public const string FrontDeskClerk = "front-desk-clerk";
    public const string Cashier = "cashier";

    /// <summary>Dispatches maintenance's work orders to technicians.</summary>
    public const string MaintenanceSupervisor = "maintenance-supervisor";
    public const string Technician = "technician";
    public const string GateGuard = "gate-guard";
    public const string SecuritySupervisor = "security-supervisor";
    public const string Trainer = "trainer";
    public const string Owner = "owner";

    /// <summary>A service or an operations tool calling with a client-credentials token; acts across estates.</summary>
    public const string Service = "service";

    /// <summary>Roles a person can hold (everything but <see cref="Service"/>).</summary>
    public static readonly IReadOnlyList<string> People =
    [
        GroupAdmin, EstateManager, CustomerServiceSupervisor, FrontDeskClerk, Cashier, MaintenanceSupervisor, Technician,
        GateGuard, SecuritySupervisor, Trainer, Owner,
    ];

    /// <summary>Staff roles (everyone but owners and services).</summary>
    public static readonly IReadOnlyList<string> Staff = [.. People.Where(r => r != Owner)];

    /// <summary>Roles that see every estate of the group.</summary>
    public static readonly IReadOnlyList<string> GroupWide = [GroupAdmin, Service];
}

/// <summary>Claim types in PropertyPlatform access tokens (JWT names; inbound claim mapping is off everywhere).</summary>
public static class PlatformClaims
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Role = "role";

    /// <summary>One claim per estate a staff member is assigned to, or an owner has a unit in (estate id).</summary>
    public const string Estate = "estate";

    /// <summary>One claim per unit an owner owns or lives in (unit id).</summary>
    public const string Unit = "unit";

    /// <summary>An owner's id in reception's owner roster (the recipient of the owner's notifications).</summary>
    public const string Owner = "owner";

    /// <summary>A technician's trades (plumbing, electrical, hvac, elevator, civil, general).</summary>
    public const string Trade = "trade";
}

/// <summary>
/// Each service accepts only access tokens whose audience contains its own name; a client asks for an audience by
/// requesting the scope of the same name.
/// </summary>
public static class PlatformAudiences
{
    public const string Reception = "reception";
    public const string Maintenance = "maintenance";
    public const string Billing = "billing";
    public const string SecurityGate = "security-gate";
    public const string HrTraining = "hr-training";
    public const string Identity = "identity";

    public static readonly IReadOnlyList<string> All = [Reception, Maintenance, Billing, SecurityGate, HrTraining, Identity];
}

/// <summary>The OAuth clients every installation has (their secrets and redirect URIs come from configuration).</summary>
public static class PlatformClients
{
    /// <summary>The staff web console: public client, authorization code + PKCE, refresh tokens.</summary>
    public const string WebConsole = "web-console";

    /// <summary>
    /// The web app (staff console and owners' portal) as a backend-for-frontend: confidential client (its secret from
    /// the AppHost), authorization code + PKCE, refresh tokens; the tokens stay on the web server.
    /// </summary>
    public const string Web = "web";

    /// <summary>The owners' mobile app: public client, authorization code + PKCE, refresh tokens.</summary>
    public const string OwnerApp = "owner-app";

    /// <summary>Operations tooling: confidential client, client credentials.</summary>
    public const string Operations = "ops-tooling";

    /// <summary>Each service is a confidential client with its own name as client id (client credentials).</summary>
    public static readonly IReadOnlyList<string> Services = [.. PlatformAudiences.All];
}
