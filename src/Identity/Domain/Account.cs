using Microsoft.AspNetCore.Identity;

namespace PropertyPlatform.Identity.Domain;

public enum AccountKind
{
    Staff,
    Owner,
}

public enum AccountStatus
{
    /// <summary>Opened for an owner by reception; the owner activates it with a one-time code.</summary>
    Pending,
    Active,
    Disabled,
}

/// <summary>
/// A person who signs in: a staff member or an owner. What the account may do travels in its access tokens as
/// <c>role</c>, <c>estate</c>, <c>unit</c> and <c>trade</c> claims.
/// </summary>
public sealed class Account : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";

    public AccountKind Kind { get; set; }

    public AccountStatus Status { get; set; }

    /// <summary>Values of <see cref="ServiceDefaults.Security.PlatformRoles.People"/>.</summary>
    public List<string> Roles { get; set; } = [];

    public List<Guid> EstateIds { get; set; } = [];

    /// <summary>The units an owner owns or lives in.</summary>
    public List<Guid> UnitIds { get; set; } = [];

    /// <summary>A technician's trades.</summary>
    public List<string> Trades { get; set; } = [];

    /// <summary>Reception's id of the owner this account belongs to.</summary>
    public Guid? OwnerId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>SHA-256 of the owner's one-time activation code; the code itself is never stored.</summary>
    public string? ActivationCodeHash { get; set; }

    public DateTimeOffset? ActivationCodeExpiresAt { get; set; }

    public bool IsActive => Status == AccountStatus.Active;

    public bool HasRole(string role) => Roles.Contains(role);
}
