using System.Security.Claims;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Web.Components.Layout;

/// <summary>Which journeys a user has, from the roles and estates in their token.</summary>
public static class Journeys
{
    /// <summary>The front desk's queue and intake: its clerks, their supervisor and the estate manager (reception's Desk).</summary>
    public static readonly string[] DeskRoles =
        [PlatformRoles.FrontDeskClerk, PlatformRoles.CustomerServiceSupervisor, PlatformRoles.EstateManager];

    /// <summary><see cref="DeskRoles"/> for an [Authorize(Roles = ...)] attribute.</summary>
    public const string DeskRoleList = PlatformRoles.FrontDeskClerk + "," + PlatformRoles.CustomerServiceSupervisor + "," + PlatformRoles.EstateManager;

    public static bool IsDesk(ClaimsPrincipal user) => DeskRoles.Any(user.IsInRole);

    /// <summary>The counter and the day's reconciliation: cashiers, and the estate manager who stands in for them (billing's Cashiers).</summary>
    public const string CashierRoleList = PlatformRoles.Cashier + "," + PlatformRoles.EstateManager;

    public static bool IsCashier(ClaimsPrincipal user) => user.IsInRole(PlatformRoles.Cashier) || user.IsInRole(PlatformRoles.EstateManager);

    /// <summary>The KPI board: the estate manager.</summary>
    public const string ManagerRoleList = PlatformRoles.EstateManager;

    public static bool IsManager(ClaimsPrincipal user) => user.IsInRole(PlatformRoles.EstateManager);

    public static bool IsOwner(ClaimsPrincipal user) => user.IsInRole(PlatformRoles.Owner);

    /// <summary>The gate's console: its guards, their supervisor and the estate manager (security-gate's Gate).</summary>
    public const string GateRoleList = PlatformRoles.GateGuard + "," + PlatformRoles.SecuritySupervisor + "," + PlatformRoles.EstateManager;

    public static bool IsGate(ClaimsPrincipal user) => GateRoleList.Split(',').Any(user.IsInRole);

    public static bool IsTrainer(ClaimsPrincipal user) => user.IsInRole(PlatformRoles.Trainer);

    /// <summary>The technician's own work orders, on a phone (maintenance's technicians).</summary>
    public static bool IsTechnician(ClaimsPrincipal user) => user.IsInRole(PlatformRoles.Technician);

    /// <summary>The dispatch board: maintenance's dispatchers (the maintenance supervisor and the estate manager).</summary>
    public const string DispatcherRoleList = PlatformRoles.MaintenanceSupervisor + "," + PlatformRoles.EstateManager;

    public static bool IsDispatcher(ClaimsPrincipal user) => user.IsInRole(PlatformRoles.MaintenanceSupervisor) || user.IsInRole(PlatformRoles.EstateManager);

    /// <summary>Breaches, complaint assignment and the weekly callback approval: reception's supervisors (CS supervisor, estate manager).</summary>
    public const string SupervisorRoleList = PlatformRoles.CustomerServiceSupervisor + "," + PlatformRoles.EstateManager;

    public static bool IsSupervisor(ClaimsPrincipal user) => user.IsInRole(PlatformRoles.CustomerServiceSupervisor) || user.IsInRole(PlatformRoles.EstateManager);

    public static IReadOnlyList<Guid> Estates(ClaimsPrincipal user) =>
        [.. user.FindAll(PlatformClaims.Estate).Select(c => Guid.TryParse(c.Value, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).Distinct()];

    /// <summary>The user's landing page: their first journey.</summary>
    public static string Home(ClaimsPrincipal user) =>
        IsDesk(user) && Estates(user) is [var first, ..] ? $"/desk/queue?estate={first}"
        : IsCashier(user) && Estates(user) is [var counter, ..] ? $"/cashier/counter?estate={counter}"
        : IsOwner(user) ? "/owner/units"
        : IsGate(user) && Estates(user) is [var gate, ..] ? $"/gate/pass?estate={gate}"
        : IsTrainer(user) ? "/training/certifications"

        : IsTechnician(user) ? "/tech/work-orders"
        : IsDispatcher(user) && Estates(user) is [var board, ..] ? $"/dispatch?estate={board}"
        : "/welcome";

    public static string EstateTag(Guid estate) => estate.ToString("N")[^4..];

    /// <summary>The estate a page is about: the address's <c>?estate=</c> when it is one of <paramref name="estates"/>, else the first.</summary>
    public static Guid? CurrentEstate(IReadOnlyList<Guid> estates, string uri)
    {
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(uri).Query);
        return query.TryGetValue("estate", out var value) && Guid.TryParse(value, out var estate) && estates.Contains(estate)
            ? estate
            : estates.Count > 0 ? estates[0] : null;
    }
}
