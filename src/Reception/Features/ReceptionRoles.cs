using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Reception.Features;

/// <summary>Who does what at reception, shared by its features.</summary>
internal static class ReceptionRoles
{
    /// <summary>Keep the registry and the owner roster: the estate's front desk and its manager.</summary>
    public static readonly string[] RegistryKeepers =
        [PlatformRoles.EstateManager, PlatformRoles.CustomerServiceSupervisor, PlatformRoles.FrontDeskClerk];

    /// <summary>Record customer requests (and upload their photos): the front desk records contacts; owners report through the app.</summary>
    public static readonly string[] RequestRecorders =
        [PlatformRoles.FrontDeskClerk, PlatformRoles.CustomerServiceSupervisor, PlatformRoles.EstateManager, PlatformRoles.Owner];

    /// <summary>Read customer requests and their photos: those who record them, and the technicians who go and fix things.</summary>
    public static readonly string[] RequestReaders = [.. RequestRecorders, PlatformRoles.Technician];

    /// <summary>Call requesters and owners back, so they see phone numbers in full.</summary>
    public static readonly string[] CallBack = [PlatformRoles.FrontDeskClerk, PlatformRoles.CustomerServiceSupervisor];
}
