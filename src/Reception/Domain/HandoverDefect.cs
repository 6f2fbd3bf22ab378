using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Reception.Domain;

public enum HandoverDefectStatus
{
    /// <summary>Recorded; its repair request is with maintenance.</summary>
    Open,

    /// <summary>Fixed, and the fix verified on site.</summary>
    Verified,
}

/// <summary>
/// A defect left at the handover of a new unit (房屋遗留问题): recorded at move-in, followed through the repair request
/// it opens (and so a work order), and closed only when the desk verifies the fix on site. A fix that fails the check
/// reopens the request and its work order.
/// </summary>
public sealed class HandoverDefect : IUnitScoped
{
    private HandoverDefect()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public Guid? UnitId { get; private set; }

    /// <summary>Where in the unit (kitchen, master bedroom...).</summary>
    public string Location { get; private set; } = "";

    public string Description { get; private set; } = "";

    /// <summary>The repair request opened for it.</summary>
    public Guid RequestId { get; private set; }

    public HandoverDefectStatus Status { get; private set; }

    public string RecordedBy { get; private set; } = "";

    public DateTimeOffset RecordedAt { get; private set; }

    public int FailedChecks { get; private set; }

    public string? VerifiedBy { get; private set; }

    public DateTimeOffset? VerifiedAt { get; private set; }

    public string? LastCheckNote { get; private set; }

    public uint Version { get; private set; }

    public static HandoverDefect Record(Guid estateId, Guid unitId, string location, string description, Guid requestId, string by, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        EstateId = estateId,
        UnitId = unitId,
        Location = location,
        Description = description,
        RequestId = requestId,
        Status = HandoverDefectStatus.Open,
        RecordedBy = by,
        RecordedAt = at,
    };

    /// <summary>
    /// The on-site check of the fix, once the repair is done: passed closes the defect; failed keeps it open (the
    /// caller reopens the repair). Checking before the work is done, or after it was verified, is a conflict.
    /// </summary>
    public void Check(bool passed, string note, RequestStatus repairStatus, string by, DateTimeOffset at)
    {
        if (Status == HandoverDefectStatus.Verified)
        {
            throw new ConflictException($"This defect was verified fixed at {VerifiedAt:u}.");
        }

        if (repairStatus is not (RequestStatus.Completed or RequestStatus.Closed))
        {
            throw new ConflictException($"The repair is {repairStatus}: the fix is checked once the work is done.");
        }

        LastCheckNote = note;
        if (!passed)
        {
            FailedChecks++;
            return;
        }

        Status = HandoverDefectStatus.Verified;
        VerifiedBy = by;
        VerifiedAt = at;
    }
}
