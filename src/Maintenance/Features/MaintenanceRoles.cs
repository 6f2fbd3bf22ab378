using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Maintenance.Features;

/// <summary>Who does what in maintenance, shared by its features.</summary>
internal static class MaintenanceRoles
{
    /// <summary>Read work orders: maintenance staff, and the front desk that follows up on requests; limited to their estates.</summary>
    public static readonly string[] Readers =
    [
        PlatformRoles.MaintenanceSupervisor, PlatformRoles.Technician, PlatformRoles.EstateManager, PlatformRoles.CustomerServiceSupervisor,
        PlatformRoles.FrontDeskClerk,
    ];

    /// <summary>
    /// Read one work order: <see cref="Readers"/>, and owners following the repair of their own unit (the estate scope's
    /// filter hides every other unit's order from them, so another's reads as 404).
    /// </summary>
    public static readonly string[] OneOrderReaders = [.. Readers, PlatformRoles.Owner];

    /// <summary>Dispatch work (and close orders no callback will close): the maintenance supervisor, or the estate manager.</summary>
    public static readonly string[] Dispatchers = [PlatformRoles.MaintenanceSupervisor, PlatformRoles.EstateManager];

    /// <summary>
    /// Open work orders: technicians on their daily rounds, the supervisor on visits and inspections, the estate manager,
    /// and security supervisors for what patrols find.
    /// </summary>
    public static readonly string[] Creators = [.. Dispatchers, PlatformRoles.Technician, PlatformRoles.SecuritySupervisor];

    /// <summary>Accept, arrive, complete: technicians (only the one the order is dispatched to, checked on the order).</summary>
    public static readonly string[] Technicians = [PlatformRoles.Technician];

    /// <summary>Propose a visit time: the technician who is busy, or the dispatcher.</summary>
    public static readonly string[] AppointmentProposers = [.. Dispatchers, PlatformRoles.Technician];

    /// <summary>Record the owner's verdict on finished work: the owner (for their own unit), or the desk or supervisor on their behalf.</summary>
    public static readonly string[] Verifiers =
    [
        PlatformRoles.Owner, PlatformRoles.FrontDeskClerk, PlatformRoles.CustomerServiceSupervisor, PlatformRoles.MaintenanceSupervisor,
        PlatformRoles.EstateManager,
    ];

    /// <summary>Run the spare-parts store (catalogue, receipts, corrections, stocktakes): the maintenance supervisor or the estate manager.</summary>
    public static readonly string[] Storekeepers = Dispatchers;
}
