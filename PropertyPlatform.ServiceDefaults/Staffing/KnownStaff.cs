using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.ServiceDefaults.Staffing;

/// <summary>
/// A service's copy of a staff member from hr-training (<c>StaffHired</c>, <c>StaffChanged</c>, <c>EmploymentEnded</c>).
/// Events may arrive in any order and more than once: the profile keeps the newest hire or change, the employment the
/// newest hire or end, so an older event never overwrites a newer one.
/// </summary>
public sealed class KnownStaffMember : IEstateOwned
{
    private KnownStaffMember()
    {
    }

    /// <summary>The identity account id: the token's <c>sub</c>.</summary>
    public Guid StaffId { get; private set; }

    /// <summary>The home estate.</summary>
    public Guid EstateId { get; private set; }

    public string DisplayName { get; private set; } = "";

    public string Position { get; private set; } = "";

    /// <summary>Lower case (maintenance's trades: <c>plumbing</c>, <c>electrical</c>...); empty for staff without a trade.</summary>
    public List<string> Trades { get; private set; } = [];

    public List<Guid> EstateIds { get; private set; } = [];

    public DateTimeOffset ProfileAsOf { get; private set; } = DateTimeOffset.MinValue;

    /// <summary>The estate-local last working day, when the employment ended.</summary>
    public DateOnly? LastDay { get; private set; }

    public DateTimeOffset EmploymentAsOf { get; private set; } = DateTimeOffset.MinValue;

    public static KnownStaffMember Unknown(Guid staffId, Guid estateId) => new() { StaffId = staffId, EstateId = estateId, EstateIds = [estateId] };

    /// <summary>Takes the profile unless this copy is newer; returns whether it did.</summary>
    public bool ApplyProfile(
        DateTimeOffset occurredAt, Guid homeEstateId, string displayName, string position, IEnumerable<string> trades, IEnumerable<Guid> estateIds)
    {
        if (occurredAt <= ProfileAsOf)
        {
            return false;
        }

        EstateId = homeEstateId;
        DisplayName = displayName;
        Position = position;
        Trades = [.. trades.Select(KnownCertification.Normalize).OfType<string>().Distinct()];
        EstateIds = [.. estateIds.Append(homeEstateId).Distinct()];
        ProfileAsOf = occurredAt;
        return true;
    }

    public void ApplyHired(DateTimeOffset occurredAt)
    {
        if (occurredAt > EmploymentAsOf)
        {
            LastDay = null;
            EmploymentAsOf = occurredAt;
        }
    }

    /// <summary>The employment ends on <paramref name="lastDay"/>; returns whether this is news.</summary>
    public bool ApplyEnded(DateTimeOffset occurredAt, DateOnly lastDay)
    {
        if (occurredAt <= EmploymentAsOf)
        {
            return false;
        }

        LastDay = lastDay;
        EmploymentAsOf = occurredAt;
        return true;
    }

    public bool EmployedOn(DateOnly today) => LastDay is not { } last || today <= last;

    /// <summary>Whether the position names <paramref name="role"/> ("Security supervisor" and "security-supervisor" alike).</summary>
    public bool Holds(string role) => PositionHolds(Position, role);

    /// <summary>Whether a position as HR typed it names <paramref name="role"/>, for services reading positions from elsewhere (hr-training's own files).</summary>
    public static bool PositionHolds(string position, string role) =>
        string.Equals(position.Trim().Replace(' ', '-'), role, StringComparison.OrdinalIgnoreCase);
}

public enum CertificationState
{
    Valid,
    Expired,
    Revoked,
}

/// <summary>
/// A service's copy of one hr-training certification, for a trade (maintenance) or a post (security-gate). Granted,
/// renewed, expired and revoked events apply newest-wins by <see cref="AsOf"/>, so any arrival order ends the same.
/// </summary>
public sealed class KnownCertification : IEstateOwned
{
    private KnownCertification()
    {
    }

    public Guid CertificationId { get; private set; }

    public Guid EstateId { get; private set; }

    public Guid StaffId { get; private set; }

    /// <summary>Lower case; null for a post certification.</summary>
    public string? Trade { get; private set; }

    /// <summary>Lower case; null for a trade certification.</summary>
    public string? Post { get; private set; }

    /// <summary>The last estate-local day it is valid.</summary>
    public DateOnly ValidUntil { get; private set; }

    public CertificationState State { get; private set; }

    public string? RevokedReason { get; private set; }

    public DateTimeOffset AsOf { get; private set; } = DateTimeOffset.MinValue;

    public static KnownCertification Unknown(Guid certificationId, Guid estateId, Guid staffId, string? trade, string? post) => new()
    {
        CertificationId = certificationId,
        EstateId = estateId,
        StaffId = staffId,
        Trade = Normalize(trade),
        Post = Normalize(post),
    };

    public static string? Normalize(string? name) => string.IsNullOrWhiteSpace(name) ? null : name.Trim().ToLowerInvariant();

    /// <summary>Takes the new state unless this copy is newer; returns whether it did.</summary>
    public bool Apply(DateTimeOffset occurredAt, CertificationState state, DateOnly validUntil, string? revokedReason = null)
    {
        if (occurredAt <= AsOf)
        {
            return false;
        }

        State = state;
        ValidUntil = validUntil;
        RevokedReason = revokedReason;
        AsOf = occurredAt;
        return true;
    }

    /// <summary>Valid on the estate-local <paramref name="today"/>: not expired or revoked, and not past its last day.</summary>
    public bool ValidOn(DateOnly today) => State == CertificationState.Valid && today <= ValidUntil;
}

/// <summary>The latest duty roster held for one estate and estate-local day; a republished one replaces it whole.</summary>
public sealed class KnownDutyRoster : IEstateOwned
{
    private KnownDutyRoster()
    {
    }

    public Guid EstateId { get; private set; }

    public DateOnly Day { get; private set; }

    public DateTimeOffset AsOf { get; private set; } = DateTimeOffset.MinValue;

    public static KnownDutyRoster Unknown(Guid estateId, DateOnly day) => new() { EstateId = estateId, Day = day };

    public bool Apply(DateTimeOffset occurredAt)
    {
        if (occurredAt <= AsOf)
        {
            return false;
        }

        AsOf = occurredAt;
        return true;
    }
}

/// <summary>One staff member's shift on an estate's roster (UTC instants; a night shift ends the next day).</summary>
public sealed class KnownDutyShift : IEstateOwned
{
    private KnownDutyShift()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public DateOnly Day { get; private set; }

    public Guid StaffId { get; private set; }

    public string Shift { get; private set; } = "";

    public DateTimeOffset StartsAt { get; private set; }

    public DateTimeOffset EndsAt { get; private set; }

    public string? Trade { get; private set; }

    public string? Post { get; private set; }

    public static KnownDutyShift On(Guid estateId, DateOnly day, Guid staffId, string shift, DateTimeOffset startsAt, DateTimeOffset endsAt, string? trade, string? post) => new()
    {
        Id = Guid.CreateVersion7(),
        EstateId = estateId,
        Day = day,
        StaffId = staffId,
        Shift = shift,
        StartsAt = startsAt.ToUniversalTime(),
        EndsAt = endsAt.ToUniversalTime(),
        Trade = KnownCertification.Normalize(trade),
        Post = KnownCertification.Normalize(post),
    };

    /// <summary>Whether the shift covers maintenance work of <paramref name="trade"/>: a shift for another trade, or at a gate post, does not.</summary>
    public bool Covers(string trade) => Post is null && (Trade is null || Trade == trade);
}
