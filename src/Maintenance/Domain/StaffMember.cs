using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Maintenance.Domain;

/// <summary>
/// Maintenance's copy of a staff member from hr-training (<c>StaffHired</c>, <c>StaffChanged</c>, <c>EmploymentEnded</c>).
/// Events may arrive in any order and more than once: the profile keeps the newest hire or change
/// (<see cref="ProfileAsOf"/>), the employment the newest hire or end (<see cref="EmploymentAsOf"/>), so an older event
/// never overwrites a newer one and an end that overtook the hire still ends the employment.
/// </summary>
public sealed class StaffMember : IEstateOwned
{
    private StaffMember()
    {
    }

    /// <summary>The staff member's identity account id: the token's <c>sub</c>, a work order's technician id.</summary>
    public Guid StaffId { get; private set; }

    /// <summary>The home estate (hr-training's event estate).</summary>
    public Guid EstateId { get; private set; }

    public string DisplayName { get; private set; } = "";

    public string Position { get; private set; } = "";

    /// <summary>Lower case, as <see cref="Trades"/>.</summary>
    public List<string> Trades { get; private set; } = [];

    /// <summary>Every estate they work in.</summary>
    public List<Guid> EstateIds { get; private set; } = [];

    public DateTimeOffset ProfileAsOf { get; private set; } = DateTimeOffset.MinValue;

    /// <summary>The estate-local last working day, when the employment ended.</summary>
    public DateOnly? LastDay { get; private set; }

    public DateTimeOffset EmploymentAsOf { get; private set; } = DateTimeOffset.MinValue;

    public static StaffMember Unknown(Guid staffId, Guid estateId) => new() { StaffId = staffId, EstateId = estateId, EstateIds = [estateId] };

    /// <summary>Takes the profile unless this copy is newer; returns whether it did.</summary>
    public bool ApplyProfile(DateTimeOffset occurredAt, Guid homeEstateId, string displayName, string position, IEnumerable<string> trades, IEnumerable<Guid> estateIds)
    {
        if (occurredAt <= ProfileAsOf)
        {
            return false;
        }

        EstateId = homeEstateId;
        DisplayName = displayName;
        Position = position;
        Trades = [.. trades.Select(Domain.Trades.Normalize).OfType<string>().Distinct()];
        EstateIds = [.. estateIds.Append(homeEstateId).Distinct()];
        ProfileAsOf = occurredAt;
        return true;
    }

    /// <summary>Hired (again): employed, unless an end newer than this hire is already known.</summary>
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

    /// <summary>Employed on the estate-local <paramref name="today"/>: never ended, or not past the last day.</summary>
    public bool EmployedOn(DateOnly today) => LastDay is not { } last || today <= last;
}

public enum CertificationState
{
    Valid,
    Expired,
    Revoked,
}

/// <summary>
/// Maintenance's copy of one hr-training certification for a trade (post certifications are security-gate's and not
/// kept). Granted, renewed, expired and revoked events are applied newest-wins by <see cref="AsOf"/>, so any arrival
/// order ends in the same state. A certification belongs to the person: it counts in every estate they work in.
/// </summary>
public sealed class TradeCertification : IEstateOwned
{
    private TradeCertification()
    {
    }

    public Guid CertificationId { get; private set; }

    public Guid EstateId { get; private set; }

    public Guid StaffId { get; private set; }

    public string Trade { get; private set; } = "";

    /// <summary>The last estate-local day it is valid.</summary>
    public DateOnly ValidUntil { get; private set; }

    public CertificationState State { get; private set; }

    public string? RevokedReason { get; private set; }

    public DateTimeOffset AsOf { get; private set; } = DateTimeOffset.MinValue;

    public static TradeCertification Unknown(Guid certificationId, Guid estateId, Guid staffId, string trade) =>
        new() { CertificationId = certificationId, EstateId = estateId, StaffId = staffId, Trade = trade };

    /// <summary>Takes the certification's new state unless this copy is newer; returns whether it did.</summary>
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

/// <summary>
/// The latest duty roster maintenance holds for one estate and estate-local day; a republished roster replaces it whole
/// (its <see cref="DutyShift"/> rows), an older one arriving late is ignored.
/// </summary>
public sealed class DutyRoster : IEstateOwned
{
    private DutyRoster()
    {
    }

    public Guid EstateId { get; private set; }

    public DateOnly Day { get; private set; }

    public DateTimeOffset AsOf { get; private set; } = DateTimeOffset.MinValue;

    public static DutyRoster Unknown(Guid estateId, DateOnly day) => new() { EstateId = estateId, Day = day };

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
public sealed class DutyShift : IEstateOwned
{
    private DutyShift()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public DateOnly Day { get; private set; }

    public Guid StaffId { get; private set; }

    public string Shift { get; private set; } = "";

    public DateTimeOffset StartsAt { get; private set; }

    public DateTimeOffset EndsAt { get; private set; }

    /// <summary>The trade the shift is for; null for a general duty shift (any of the person's trades).</summary>
    public string? Trade { get; private set; }

    public string? Post { get; private set; }

    public static DutyShift On(Guid estateId, DateOnly day, Guid staffId, string shift, DateTimeOffset startsAt, DateTimeOffset endsAt, string? trade, string? post) => new()
    {
        Id = Guid.CreateVersion7(),
        EstateId = estateId,
        Day = day,
        StaffId = staffId,
        Shift = shift,
        StartsAt = startsAt,
        EndsAt = endsAt,
        Trade = Trades.Normalize(trade),
        Post = post,
    };

    /// <summary>Whether the shift covers <paramref name="trade"/>: a shift for another trade (or a gate post) does not.</summary>
    public bool Covers(string trade) => Post is null && (Trade is null || Trade == trade);
}
