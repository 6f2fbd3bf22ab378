using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using PropertyPlatform.ServiceDefaults.Problems;

namespace PropertyPlatform.ServiceDefaults.Security;

/// <summary>A record that belongs to one estate; reads and writes are limited to the caller's estates.</summary>
public interface IEstateOwned
{
    Guid EstateId { get; }
}

/// <summary>A record about one unit (or a common area when null); owners see only those about their own units.</summary>
public interface IUnitScoped : IEstateOwned
{
    Guid? UnitId { get; }
}

/// <summary>
/// Which estates and units the caller may see, from the access token: staff see their assigned estates, owners the
/// units they own or live in, group admins and services everything. Work without an HTTP request (consumers, hosted
/// services) acts for the system and is not limited.
/// </summary>
public sealed class EstateScope
{
    public EstateScope(IHttpContextAccessor accessor)
        : this(accessor.HttpContext is { } context ? context.User : null)
    {
    }

    private EstateScope(ClaimsPrincipal? user)
    {
        if (user is null)
        {
            SeesAllEstates = true;
            return;
        }

        User = user;
        Subject = user.FindFirstValue(PlatformClaims.Subject);
        Name = user.FindFirstValue(PlatformClaims.Name);
        SeesAllEstates = user.Identity?.IsAuthenticated == true && PlatformRoles.GroupWide.Any(user.IsInRole);
        EstateIds = ParseIds(user, PlatformClaims.Estate);
        UnitIds = ParseIds(user, PlatformClaims.Unit);
        OwnerId = Guid.TryParse(user.FindFirstValue(PlatformClaims.Owner), out var ownerId) ? ownerId : null;
        IsOwnerOnly = user.IsInRole(PlatformRoles.Owner) && !PlatformRoles.Staff.Any(user.IsInRole) && !SeesAllEstates;
    }

    /// <summary>The scope of background work (consumers, dispatchers): every estate.</summary>
    public static EstateScope System { get; } = new((ClaimsPrincipal?)null);

    /// <summary>The scope of <paramref name="user"/>, for code (and tests) outside an HTTP request.</summary>
    public static EstateScope For(ClaimsPrincipal user) => new(user);

    public ClaimsPrincipal? User { get; }

    /// <summary>The token subject (account id or client id); null for system work.</summary>
    public string? Subject { get; }

    /// <summary>The caller's display name, for records that say who took a step; null for system work.</summary>
    public string? Name { get; }

    public bool SeesAllEstates { get; }

    /// <summary>An owner's id in reception's owner roster; null for staff and services.</summary>
    public Guid? OwnerId { get; }

    public Guid[] EstateIds { get; } = [];

    public Guid[] UnitIds { get; } = [];

    /// <summary>An owner/resident with no staff role: limited to their own units.</summary>
    public bool IsOwnerOnly { get; }

    public bool IsInRole(string role) => User?.IsInRole(role) == true;

    public bool CanSeeEstate(Guid estateId) => SeesAllEstates || EstateIds.Contains(estateId);

    /// <summary>
    /// Refuses (403) a write into an estate the caller is not assigned to, or, for an owner, about a unit that is not
    /// theirs (or a common area).
    /// </summary>
    public void EnsureCanWrite(Guid estateId, Guid? unitId = null)
    {
        if (!CanSeeEstate(estateId))
        {
            throw new ForbiddenException($"You are not assigned to estate '{estateId}'.");
        }

        if (IsOwnerOnly && (unitId is null || !UnitIds.Contains(unitId.Value)))
        {
            throw new ForbiddenException("Owners can only act for their own units.");
        }
    }

    private static Guid[] ParseIds(ClaimsPrincipal user, string claimType) =>
        [.. user.FindAll(claimType).Select(c => Guid.TryParse(c.Value, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).Distinct()];
}
