using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Reception.Features;

/// <summary>Who does what at reception, shared by its features.</summary>
internal static class ReceptionRoles
{
    /// <summary>Keep the registry and the owner roster: the estate's front desk and its manager.</summary>
    public static readonly string[] RegistryKeepers =
        [PlatformRoles.EstateManager, PlatformRoles.CustomerServiceSupervisor, PlatformRoles.FrontDeskClerk];

    /// <summary>Call requesters and owners back, so they see phone numbers in full.</summary>
    public static readonly string[] CallBack = [PlatformRoles.FrontDeskClerk, PlatformRoles.CustomerServiceSupervisor];

    /// <summary>Butler work (home visits, patrols, renovation applications and inspections, violations): the front desk and its leads.</summary>
    public static readonly string[] Butlers =
        [PlatformRoles.FrontDeskClerk, PlatformRoles.CustomerServiceSupervisor, PlatformRoles.EstateManager];

    /// <summary>Decide what a clerk may not: approve or reject renovation permits, accept finished works.</summary>
    public static readonly string[] Supervisors = [PlatformRoles.CustomerServiceSupervisor, PlatformRoles.EstateManager];

    /// <summary>Read butler work: the butlers, and technicians who work on the same units.</summary>
    public static readonly string[] ButlerWorkReaders = [.. Butlers, PlatformRoles.Technician];
}
