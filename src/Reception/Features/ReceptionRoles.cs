using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Reception.Features;

/// <summary>Who does what at reception, shared by its features.</summary>
internal static class ReceptionRoles
{
    /// <summary>Keep the registry and the owner roster: the estate's front desk and its manager.</summary>
    public static readonly string[] RegistryKeepers =
        [PlatformRoles.EstateManager, PlatformRoles.CustomerServiceSupervisor, PlatformRoles.FrontDeskClerk];

    /// <summary>
    /// Work the front desk's queue and its daily work (route and resolve requests, butler visits, patrols, violations,
    /// renovation applications, keys, parcels, notices, owners' messages, the work log): its clerks (who are also the
    /// butlers), their supervisor and the estate manager.
    /// </summary>
    public static readonly string[] Desk =
        [PlatformRoles.FrontDeskClerk, PlatformRoles.CustomerServiceSupervisor, PlatformRoles.EstateManager];

    /// <summary>Record customer requests (and upload their photos): the front desk records contacts; owners report through the app.</summary>
    public static readonly string[] RequestRecorders =
        [.. Desk, PlatformRoles.Owner];

    /// <summary>Read customer requests and their photos: those who record them, and the technicians who go and fix things.</summary>
    public static readonly string[] RequestReaders = [.. RequestRecorders, PlatformRoles.Technician];

    /// <summary>Call requesters and owners back, so they see phone numbers in full.</summary>
    public static readonly string[] CallBack = [PlatformRoles.FrontDeskClerk, PlatformRoles.CustomerServiceSupervisor];

    /// <summary>Whether lists mask phone numbers for the caller: yes, unless they call people back or are the owner reading their own.</summary>
    public static bool MasksPhonesFor(EstateScope scope) => !scope.IsOwnerOnly && !CallBack.Any(scope.IsInRole);

    /// <summary>
    /// A phone number as <paramref name="scope"/> may see it. The one rule for every phone reception shows (requesters,
    /// complainants, owners, residents, renovation contractors), in lists and details alike: a detail page that
    /// showed what its list masks would undo the masking.
    /// </summary>
    public static string? ShownPhone(EstateScope scope, string? phone) => MasksPhonesFor(scope) ? PersonalData.MaskPhone(phone) : phone;

    /// <summary>
    /// An identity-card number as anyone sees it: masked. It is checked at the desk against the card itself and kept in
    /// the registry; no role's work needs it read back in full.
    /// </summary>
    public static string ShownIdNumber(string idNumber) => PersonalData.MaskIdNumber(idNumber)!;

    /// <summary>Decide what a clerk may not: who is responsible for a complaint, renovation permits, accepting finished works.</summary>
    public static readonly string[] Supervisors = [PlatformRoles.CustomerServiceSupervisor, PlatformRoles.EstateManager];

    /// <summary>Read butler work: the butlers, and technicians who work on the same units.</summary>
    public static readonly string[] ButlerWorkReaders = [.. Desk, PlatformRoles.Technician];
}
