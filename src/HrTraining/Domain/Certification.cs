using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Sla;

namespace PropertyPlatform.HrTraining.Domain;

/// <summary>What a certification qualifies for: a maintenance trade (technicians) or a duty post (gate, patrol, front desk...).</summary>
public enum DutyKind
{
    Trade,
    Post,
}

/// <summary>A trade or a post, e.g. trade 'plumbing' or post 'gate': what a certification covers and what a shift needs.</summary>
public readonly record struct Duty(DutyKind Kind, string Name)
{
    public static Duty Trade(string name) => new(DutyKind.Trade, name);

    public static Duty Post(string name) => new(DutyKind.Post, name);

    public string? TradeName => Kind == DutyKind.Trade ? Name : null;

    public string? PostName => Kind == DutyKind.Post ? Name : null;

    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()} '{Name}'";
}

/// <summary>
/// Training passed for a trade or a post in one estate (培训合格后方可上岗): valid on the estate-local days from
/// <see cref="ValidFrom"/> to <see cref="ValidUntil"/> inclusive, until revoked. It expires at the estate-local midnight
/// that ends <see cref="ValidUntil"/>.
/// </summary>
public sealed class Certification : IEstateOwned
{
    /// <summary>How far ahead the warning list looks.</summary>
    public const int WarningDays = 30;

    private Certification()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public Guid StaffId { get; private set; }

    public DutyKind Kind { get; private set; }

    public string Name { get; private set; } = "";

    public DateOnly ValidFrom { get; private set; }

    public DateOnly ValidUntil { get; private set; }

    public DateTimeOffset GrantedAt { get; private set; }

    public string GrantedBy { get; private set; } = "";

    public DateTimeOffset? RenewedAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public string? RevokedBy { get; private set; }

    public string? RevocationReason { get; private set; }

    /// <summary>
    /// The <see cref="ValidUntil"/> whose expiry was announced (<c>CertificationExpired</c>). A renewal moves
    /// <see cref="ValidUntil"/> past it, so the new period's expiry is announced again, and each period's only once.
    /// </summary>
    public DateOnly? ExpiryAnnouncedFor { get; private set; }

    /// <summary>
    /// The <see cref="ValidUntil"/> whose coming expiry was warned of (a training need and notices, <see cref="WarningDays"/>
    /// ahead). A renewal moves <see cref="ValidUntil"/> past it, so the new last day is warned of again, each only once.
    /// </summary>
    public DateOnly? ExpiryWarnedFor { get; private set; }

    /// <summary>PostgreSQL's row version: two expiry runs at once cannot both announce the same expiry.</summary>
    public uint Version { get; private set; }

    public Duty Duty => new(Kind, Name);

    public bool IsRevoked => RevokedAt is not null;

    public static Certification Grant(
        Guid estateId, Guid staffId, Duty duty, DateOnly validFrom, DateOnly validUntil, string grantedBy, DateTimeOffset now) =>
        new()
        {
            Id = Guid.CreateVersion7(now),
            EstateId = estateId,
            StaffId = staffId,
            Kind = duty.Kind,
            Name = duty.Name,
            ValidFrom = validFrom,
            ValidUntil = validUntil,
            GrantedAt = now,
            GrantedBy = grantedBy,
        };

    /// <summary>Whether it lets the person work the whole estate-local <paramref name="day"/>.</summary>
    public bool IsValidOn(DateOnly day) => !IsRevoked && ValidFrom <= day && day <= ValidUntil;

    /// <summary>
    /// Whether it covered <paramref name="day"/> as things stood then: a revocation counts from its own estate-local day
    /// on, not back to days already worked (what a monthly report looks back at).
    /// </summary>
    public bool CoveredOn(DateOnly day, EstateCalendar calendar) =>
        ValidFrom <= day && day <= ValidUntil && (RevokedAt is not { } revokedAt || calendar.LocalDay(revokedAt) > day);

    /// <summary>Whether it is valid at <paramref name="instant"/>, judged by the estate's local day.</summary>
    public bool IsValidAt(DateTimeOffset instant, EstateCalendar calendar) => IsValidOn(calendar.LocalDay(instant));

    /// <summary>The instant it stops being valid: the estate-local midnight at the end of <see cref="ValidUntil"/>.</summary>
    public DateTimeOffset ExpiresAt(EstateCalendar calendar) => calendar.ToInstant(ValidUntil.AddDays(1), TimeOnly.MinValue);

    /// <summary>Whether its expiry is due to be announced at <paramref name="now"/>: past its last day, not revoked, not yet announced.</summary>
    public bool ExpiryIsDue(DateTimeOffset now, EstateCalendar calendar) =>
        !IsRevoked && ExpiryAnnouncedFor != ValidUntil && now >= ExpiresAt(calendar);

    /// <summary>Valid today and ending within <paramref name="days"/> estate-local days: the warning list.</summary>
    public bool ExpiresWithin(int days, DateOnly localToday) => IsValidOn(localToday) && ValidUntil <= localToday.AddDays(days);

    public void MarkExpiryAnnounced() => ExpiryAnnouncedFor = ValidUntil;

    /// <summary>Whether the warning is due at <paramref name="now"/>: valid today, in its last <see cref="WarningDays"/> estate-local days, not warned of for this last day.</summary>
    public bool ExpiryWarningIsDue(DateTimeOffset now, EstateCalendar calendar) =>
        ExpiryWarnedFor != ValidUntil && ExpiresWithin(WarningDays, calendar.LocalDay(now));

    public void MarkExpiryWarned() => ExpiryWarnedFor = ValidUntil;

    /// <summary>Extends it to <paramref name="validUntil"/> (re-training passed); returns the previous last day, or null when refused.</summary>
    public DateOnly? Renew(DateOnly validUntil, DateTimeOffset now)
    {
        if (IsRevoked || validUntil <= ValidUntil)
        {
            return null;
        }

        var previous = ValidUntil;
        ValidUntil = validUntil;
        RenewedAt = now;
        return previous;
    }

    public bool Revoke(string reason, string revokedBy, DateTimeOffset now)
    {
        if (IsRevoked)
        {
            return false;
        }

        RevokedAt = now;
        RevokedBy = revokedBy;
        RevocationReason = reason;
        return true;
    }
}
