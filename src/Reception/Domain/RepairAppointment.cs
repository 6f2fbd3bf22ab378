using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Reception.Domain;

public enum AppointmentStatus
{
    /// <summary>Maintenance proposed it; the owner (or the desk for them) has not answered.</summary>
    Proposed,
    Confirmed,

    /// <summary>A later proposal for the same work order replaced it.</summary>
    Superseded,
}

/// <summary>
/// A visit time maintenance proposed for a work order (the earliest slot a certified technician is free), shown to the
/// owner and the clerk, who confirm it or choose another time. Only the latest proposal of a work order can be confirmed.
/// </summary>
public sealed class RepairAppointment : IUnitScoped
{
    private RepairAppointment()
    {
    }

    /// <summary>Maintenance's appointment id: the one its <c>AppointmentConfirmed</c> answers.</summary>
    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public Guid? UnitId { get; private set; }

    public Guid WorkOrderId { get; private set; }

    public Guid? RequestId { get; private set; }

    public string Trade { get; private set; } = "";

    public DateTimeOffset ProposedStartsAt { get; private set; }

    public DateTimeOffset ProposedEndsAt { get; private set; }

    /// <summary>When maintenance proposed it (the event's time): a later proposal supersedes an earlier one.</summary>
    public DateTimeOffset ProposedAt { get; private set; }

    public AppointmentStatus Status { get; private set; }

    public DateTimeOffset? StartsAt { get; private set; }

    public DateTimeOffset? EndsAt { get; private set; }

    public string? ConfirmedBy { get; private set; }

    public DateTimeOffset? ConfirmedAt { get; private set; }

    public uint Version { get; private set; }

    public static RepairAppointment Propose(
        Guid id, Guid estateId, Guid? unitId, Guid workOrderId, Guid? requestId, string trade, DateTimeOffset startsAt, DateTimeOffset endsAt, DateTimeOffset proposedAt) => new()
        {
            Id = id,
            EstateId = estateId,
            UnitId = unitId,
            WorkOrderId = workOrderId,
            RequestId = requestId,
            Trade = trade,
            ProposedStartsAt = startsAt,
            ProposedEndsAt = endsAt,
            ProposedAt = proposedAt,
            Status = AppointmentStatus.Proposed,
        };

    /// <summary>A newer proposal for the same work order replaces this one, unless it was already confirmed.</summary>
    public void Supersede()
    {
        if (Status == AppointmentStatus.Proposed)
        {
            Status = AppointmentStatus.Superseded;
        }
    }

    /// <summary>Agrees the visit: the proposed time, or another the owner chose. Only a standing proposal is confirmed.</summary>
    public bool Confirm(DateTimeOffset startsAt, DateTimeOffset endsAt, string by, DateTimeOffset at)
    {
        if (Status != AppointmentStatus.Proposed)
        {
            return false;
        }

        Status = AppointmentStatus.Confirmed;
        StartsAt = startsAt;
        EndsAt = endsAt;
        ConfirmedBy = by;
        ConfirmedAt = at;
        return true;
    }
}
