using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.SecurityGate.Features;

/// <summary>Who does what at the gate, shared by its features (group admins may do everything, through RequireRoles).</summary>
internal static class SecurityGateRoles
{
    /// <summary>Work the gate: register and refuse visitors, check passes, log vehicles in and out, register residents' plates.</summary>
    public static readonly string[] Gate = [PlatformRoles.GateGuard, PlatformRoles.SecuritySupervisor, PlatformRoles.EstateManager];

    /// <summary>Set the estate's parking tariff: it is money charged to owners, the estate manager's call.</summary>
    public static readonly string[] TariffKeepers = [PlatformRoles.EstateManager];

    /// <summary>Pre-register visitors: owners, for their own units.</summary>
    public static readonly string[] PassIssuers = [PlatformRoles.Owner];

    /// <summary>Read and revoke passes: the owner who shares them, and security staff who must stop one (a lost phone, a dispute).</summary>
    public static readonly string[] PassKeepers = [PlatformRoles.Owner, PlatformRoles.SecuritySupervisor, PlatformRoles.EstateManager];

    /// <summary>Set up posts, routes and schedules, and review what the guards recorded: the security supervisor and the estate manager.</summary>
    public static readonly string[] Supervisors = [PlatformRoles.SecuritySupervisor, PlatformRoles.EstateManager];

    /// <summary>The front desk, which requests and approves exit permits for any unit of its estates.</summary>
    public static readonly string[] FrontDesk = [PlatformRoles.FrontDeskClerk, PlatformRoles.CustomerServiceSupervisor];

    /// <summary>Request and decide on large-item exit permits: owners for their own units, and the front desk.</summary>
    public static readonly string[] PermitDeciders = [PlatformRoles.Owner, .. FrontDesk];

    /// <summary>Read exit permits: those who decide on them and those who check them at the exit.</summary>
    public static readonly string[] PermitReaders = [.. PermitDeciders, .. Gate];

    /// <summary>Register special vehicles (moves, construction, deliveries): the gate and the front desk that books them.</summary>
    public static readonly string[] SpecialAccessKeepers = [.. Gate, .. FrontDesk];

    /// <summary>Read the gate's records: those who work it.</summary>
    public static readonly string[] Readers = [.. Gate];
}
