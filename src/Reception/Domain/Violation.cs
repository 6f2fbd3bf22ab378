using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Sla;

namespace PropertyPlatform.Reception.Domain;

public enum ViolationType
{
    RenovationWithoutPermit,
    StructuralChange,
    PermitNotPosted,
    NoFireExtinguisher,
    WorkersWithoutPasses,

    /// <summary>违规操作 on a renovation site: unsafe or forbidden work (hot work without a permit, blocked fire exits...).</summary>
    IllegalOperation,
    IllegalPosting,
    ThrowingFromHeight,
    NoiseNuisance,
    AnimalNuisance,
    Other,
}

public enum ViolationStatus
{
    Open,
    RectificationRequired,
    VerifiedFixed,
}

public enum ViolationStep
{
    Found,
    RectificationRequired,
    CheckedNotFixed,
    VerifiedFixed,
}

/// <summary>
/// A breach of the estate's rules found on a patrol (renovating without a permit, a structural change...). It is
/// followed up, never deleted: open → rectification required by a date → verified fixed by a later on-site check,
/// attributed to whoever made it. Every step is a <see cref="ViolationFollowUp"/>.
/// </summary>
public sealed class Violation : IEstateOwned
{
    /// <summary>
    /// Put right by the end of the rectification day (estate-local), the desk warned as that day begins; the CS supervisor
    /// hears of a breach, the estate manager three days later.
    /// </summary>
    public static readonly SlaPolicy RectificationDeadline = new(
        "violation-rectification", SlaTimeBasis.SameLocalDay, TimeSpan.Zero, TimeSpan.FromDays(1), SlaPolicy.FrontDeskChain(TimeSpan.FromDays(3)));

    private Violation()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public Guid? UnitId { get; private set; }

    public Guid PatrolRecordId { get; private set; }

    public ViolationType Type { get; private set; }

    public string Description { get; private set; } = "";

    public ViolationStatus Status { get; private set; }

    public DateTimeOffset FoundAt { get; private set; }

    public string FoundBy { get; private set; } = "";

    /// <summary>The estate-local day by which the breach must be put right.</summary>
    public DateOnly? RectifyBy { get; private set; }

    /// <summary>The rectification day as a deadline on the SLA engine; a new date (after a failed check) starts a new one.</summary>
    public SlaClock? Rectification { get; private set; }

    /// <summary>Serious: escalated to the CS supervisor when found.</summary>
    public bool Serious { get; private set; }

    public DateTimeOffset? VerifiedAt { get; private set; }

    public string? VerifiedBy { get; private set; }

    public List<ViolationFollowUp> FollowUps { get; private set; } = [];

    public uint Version { get; private set; }

    public static Violation Found(
        Guid estateId, Guid? unitId, Guid patrolRecordId, ViolationType type, string description, string foundBy, DateTimeOffset foundAt, bool serious = false)
    {
        var violation = new Violation
        {
            Id = Guid.CreateVersion7(foundAt),
            EstateId = estateId,
            UnitId = unitId,
            PatrolRecordId = patrolRecordId,
            Type = type,
            Description = description,
            Status = ViolationStatus.Open,
            FoundAt = foundAt,
            FoundBy = foundBy,
            Serious = serious,
        };
        violation.Log(ViolationStep.Found, foundBy, foundAt, description, null);
        return violation;
    }

    /// <summary>The responsible party is told to put it right by <paramref name="rectifyBy"/> (again, after a failed check).</summary>
    public void RequireRectification(DateOnly rectifyBy, string note, string by, DateTimeOffset at, EstateCalendar calendar)
    {
        EnsureNotFixed();
        RectifyBy = rectifyBy;
        // The clock runs on the rectification day itself: due at its local end.
        Rectification = SlaClock.Start(RectificationDeadline, calendar, calendar.ToInstant(rectifyBy, TimeOnly.MinValue));
        Status = ViolationStatus.RectificationRequired;
        Log(ViolationStep.RectificationRequired, by, at, note, rectifyBy);
    }

    /// <summary>
    /// An on-site check after the rectification notice: fixed closes the violation, attributed to <paramref name="by"/>;
    /// not fixed keeps it open to rectification. The check must be a later visit than the one that found it.
    /// </summary>
    public void Checked(bool isFixed, string note, string by, DateTimeOffset at)
    {
        EnsureNotFixed();
        if (Status != ViolationStatus.RectificationRequired)
        {
            throw new ConflictException("Require rectification by a date before checking whether it was fixed.");
        }

        if (at <= FoundAt)
        {
            throw new ValidationFailedException("checkedAt", "The check must be a later on-site visit than the one that found the violation.");
        }

        if (isFixed)
        {
            Status = ViolationStatus.VerifiedFixed;
            VerifiedAt = at;
            VerifiedBy = by;
            Rectification?.Complete(at);
        }

        Log(isFixed ? ViolationStep.VerifiedFixed : ViolationStep.CheckedNotFixed, by, at, note, null);
    }

    /// <summary>Rectification is still outstanding after its estate-local due day (the deadline's clock has run out).</summary>
    public bool RectificationOverdue(DateTimeOffset now) =>
        Status == ViolationStatus.RectificationRequired && Rectification is { CompletedAt: null } clock && now >= clock.DueAt;

    private void EnsureNotFixed()
    {
        if (Status == ViolationStatus.VerifiedFixed)
        {
            throw new ConflictException("The violation was verified fixed already.");
        }
    }

    private void Log(ViolationStep step, string by, DateTimeOffset at, string note, DateOnly? rectifyBy) =>
        FollowUps.Add(new ViolationFollowUp(Guid.CreateVersion7(at), EstateId, Id, step, at, by, note, rectifyBy));
}

/// <summary>One step of a violation's follow-up: who did what, when.</summary>
public sealed class ViolationFollowUp : IEstateOwned
{
    internal ViolationFollowUp(Guid id, Guid estateId, Guid violationId, ViolationStep step, DateTimeOffset at, string by, string note, DateOnly? rectifyBy)
    {
        Id = id;
        EstateId = estateId;
        ViolationId = violationId;
        Step = step;
        At = at;
        By = by;
        Note = note;
        RectifyBy = rectifyBy;
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public Guid ViolationId { get; private set; }

    public ViolationStep Step { get; private set; }

    public DateTimeOffset At { get; private set; }

    public string By { get; private set; }

    public string Note { get; private set; }

    public DateOnly? RectifyBy { get; private set; }
}
