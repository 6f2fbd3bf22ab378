using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.SecurityGate.Domain;

public enum ExitPermitStatus
{
    Requested,
    Approved,
    Rejected,
    Exited,
}

/// <summary>
/// A permit for large items to leave the estate (大宗物品出门) from a unit: requested by an owner or the front desk,
/// approved by the unit's owner or the front desk, checked and recorded by the guard at the exit on its planned day.
/// </summary>
public sealed class ExitPermit : IUnitScoped
{
    private ExitPermit()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    /// <summary>Always set: a permit is for a unit's items (nullable only as the estate filter reads units).</summary>
    public Guid? UnitId { get; private set; }

    public string Items { get; private set; } = "";

    public string CarriedBy { get; private set; } = "";

    /// <summary>The estate-local day the items leave.</summary>
    public DateOnly PlannedOn { get; private set; }

    public ExitPermitStatus Status { get; private set; }

    public string RequestedBy { get; private set; } = "";

    public DateTimeOffset RequestedAt { get; private set; }

    public string? DecidedBy { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public string? RejectionReason { get; private set; }

    public string? CheckedBy { get; private set; }

    public DateTimeOffset? ExitedAt { get; private set; }

    public uint Version { get; private set; }

    public static ExitPermit Request(Guid estateId, Guid unitId, string items, string carriedBy, DateOnly plannedOn, string by, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        EstateId = estateId,
        UnitId = unitId,
        Items = items,
        CarriedBy = carriedBy,
        PlannedOn = plannedOn,
        Status = ExitPermitStatus.Requested,
        RequestedBy = by,
        RequestedAt = at,
    };

    /// <summary>Approves or rejects a requested permit; false when it was decided already.</summary>
    public bool Decide(bool approve, string? reason, string by, DateTimeOffset at)
    {
        if (Status != ExitPermitStatus.Requested)
        {
            return false;
        }

        Status = approve ? ExitPermitStatus.Approved : ExitPermitStatus.Rejected;
        RejectionReason = approve ? null : reason;
        DecidedBy = by;
        DecidedAt = at;
        return true;
    }

    /// <summary>Why the items may not leave on <paramref name="today"/>, or null when they may (and the exit is recorded).</summary>
    public string? Exit(DateOnly today, string guard, DateTimeOffset at)
    {
        var refusal = Status switch
        {
            ExitPermitStatus.Requested => "The permit is not approved yet.",
            ExitPermitStatus.Rejected => $"The permit was rejected: {RejectionReason}",
            ExitPermitStatus.Exited => "The items left already on this permit.",
            _ => today != PlannedOn ? $"The permit is for {PlannedOn:yyyy-MM-dd}, not today." : null,
        };
        if (refusal is null)
        {
            Status = ExitPermitStatus.Exited;
            CheckedBy = guard;
            ExitedAt = at;
        }

        return refusal;
    }
}

/// <summary>Large items stopped at the exit without a valid permit: held, and recorded.</summary>
public sealed class HeldItem : IUnitScoped
{
    private HeldItem()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public Guid? UnitId { get; private set; }

    public string Items { get; private set; } = "";

    public string CarriedBy { get; private set; } = "";

    public string Reason { get; private set; } = "";

    /// <summary>The permit shown, when one was shown but did not allow the exit.</summary>
    public Guid? PermitId { get; private set; }

    public string HeldBy { get; private set; } = "";

    public DateTimeOffset HeldAt { get; private set; }

    public static HeldItem Hold(Guid estateId, Guid? unitId, string items, string carriedBy, string reason, Guid? permitId, string by, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        EstateId = estateId,
        UnitId = unitId,
        Items = items,
        CarriedBy = carriedBy,
        Reason = reason,
        PermitId = permitId,
        HeldBy = by,
        HeldAt = at,
    };
}
