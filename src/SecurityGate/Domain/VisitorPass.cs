using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.SecurityGate.Domain;

/// <summary>Why a pass does not open the gate, as the guard is told.</summary>
public enum PassRefusal
{
    /// <summary>Not a pass this estate group signed, or changed after signing.</summary>
    Tampered,
    NotYetValid,
    Expired,
    Revoked,
    UsedUp,

    /// <summary>A genuine pass, for an estate the guard does not work in.</summary>
    OtherEstate,
}

/// <summary>
/// A visitor pre-registered by an owner for their unit: valid over [<see cref="ValidFrom"/>, <see cref="ValidUntil"/>]
/// for <see cref="MaxUses"/> entries, until revoked. What the visitor carries is a signed token naming this pass
/// (<see cref="PassTokens"/>); the pass itself keeps the state the token cannot: revocation and uses.
/// </summary>
public sealed class VisitorPass : IUnitScoped
{
    private VisitorPass()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public Guid? UnitId { get; private set; }

    /// <summary>The owner (reception's owner id) who issued it, told when the visitor arrives; null when the token named none.</summary>
    public Guid? OwnerId { get; private set; }

    public string IssuedBy { get; private set; } = "";

    public string VisitorName { get; private set; } = "";

    public string? Purpose { get; private set; }

    public DateTimeOffset ValidFrom { get; private set; }

    public DateTimeOffset ValidUntil { get; private set; }

    public int MaxUses { get; private set; }

    /// <summary>Entries recorded, online and uploaded from offline gates (which may exceed <see cref="MaxUses"/>: they could not know).</summary>
    public int Uses { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public DateTimeOffset IssuedAt { get; private set; }

    public uint Version { get; private set; }

    public static VisitorPass Issue(
        Guid estateId, Guid unitId, Guid? ownerId, string issuedBy, string visitorName, string? purpose,
        DateTimeOffset validFrom, DateTimeOffset validUntil, int maxUses, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(),
        EstateId = estateId,
        UnitId = unitId,
        OwnerId = ownerId,
        IssuedBy = issuedBy,
        VisitorName = visitorName,
        Purpose = purpose,
        ValidFrom = validFrom,
        ValidUntil = validUntil,
        MaxUses = maxUses,
        IssuedAt = now,
    };

    public PassClaims Claims => new(Id, EstateId, UnitId!.Value, ValidFrom, ValidUntil);

    /// <summary>What only the server knows: revoked, or every use taken.</summary>
    public PassRefusal? StateRefusal => RevokedAt is not null ? PassRefusal.Revoked : Uses >= MaxUses ? PassRefusal.UsedUp : null;

    /// <summary>The online check's last step: records an entry unless the pass is revoked or used up.</summary>
    public PassRefusal? Use()
    {
        if (StateRefusal is { } refusal)
        {
            return refusal;
        }

        Uses++;
        return null;
    }

    /// <summary>An entry an offline gate already let through: counted whatever the pass's state, since it happened.</summary>
    public void CountOfflineUse() => Uses++;

    public bool Revoke(DateTimeOffset now)
    {
        if (RevokedAt is not null)
        {
            return false;
        }

        RevokedAt = now;
        return true;
    }
}

/// <summary>One entry on a pass. Offline gates name it themselves (<see cref="Id"/>), so an upload sent twice records it once.</summary>
public sealed class PassUse : IEstateOwned
{
    private PassUse()
    {
    }

    public Guid Id { get; private set; }

    public Guid PassId { get; private set; }

    public Guid EstateId { get; private set; }

    public DateTimeOffset UsedAt { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    public bool Offline { get; private set; }

    /// <summary>For an offline use: what the online check would have refused (revoked, used up, outside the window), for the supervisor.</summary>
    public PassRefusal? Irregularity { get; private set; }

    public string RecordedBy { get; private set; } = "";

    public static PassUse Online(VisitorPass pass, DateTimeOffset now, string recordedBy) => new()
    {
        Id = Guid.CreateVersion7(now), PassId = pass.Id, EstateId = pass.EstateId, UsedAt = now, RecordedAt = now, RecordedBy = recordedBy,
    };

    public static PassUse Uploaded(Guid useId, VisitorPass pass, DateTimeOffset usedAt, PassRefusal? irregularity, DateTimeOffset now, string recordedBy) => new()
    {
        Id = useId, PassId = pass.Id, EstateId = pass.EstateId, UsedAt = usedAt, RecordedAt = now, Offline = true, Irregularity = irregularity,
        RecordedBy = recordedBy,
    };
}
