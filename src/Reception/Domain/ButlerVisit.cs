using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Sla;

namespace PropertyPlatform.Reception.Domain;

public enum ButlerVisitKind
{
    /// <summary>One of the household's visits of the year, arranged by the butler.</summary>
    Routine,

    /// <summary>A visit task set by the system because billing's dunning escalated to a butler visit.</summary>
    DunningFollowUp,
}

public enum ButlerVisitStatus
{
    /// <summary>A task without an appointment yet (the system made it); the butler arranges one.</summary>
    ToArrange,
    Scheduled,
    Completed,
}

public enum ButlerVisitOutcome
{
    Visited,
    OwnerAbsent,
    Declined,
}

/// <summary>Why an owner is in arrears, as they told the butler on a dunning visit (billing records it on the arrear).</summary>
public enum ArrearsReason
{
    Dispute,
    Hardship,
    Vacancy,
    Other,
}

/// <summary>
/// What the household said in a visit that took place: their opinions, changes in the family, the arrears talked about,
/// and who in the household read the record and acknowledged it (a record nobody acknowledged is not a visit record).
/// </summary>
public sealed record VisitRecord(string? Opinions, string? FamilyChanges, string? ArrearsDiscussed, string? AcknowledgedBy);

/// <summary>
/// A butler's home visit, by appointment. Every occupied household gets at least <see cref="RequiredPerYear"/> visits
/// a year that actually took place (<see cref="ButlerVisitOutcome.Visited"/>, counted in the estate's local calendar
/// year); issues raised in the visit become customer requests linked here.
/// </summary>
public sealed class ButlerVisit : IEstateOwned
{
    public const int RequiredPerYear = 2;

    private ButlerVisit()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public Guid UnitId { get; private set; }

    public ButlerVisitKind Kind { get; private set; }

    public ButlerVisitStatus Status { get; private set; }

    /// <summary>The butler (account) who makes the visit; none yet for a task still to arrange.</summary>
    public string? Butler { get; private set; }

    /// <summary>The appointment agreed with the household (a UTC instant, given in estate-local time).</summary>
    public DateTimeOffset? AppointmentAt { get; private set; }

    public ButlerVisitOutcome? Outcome { get; private set; }

    public string? Notes { get; private set; }

    public DateTimeOffset? VisitedAt { get; private set; }

    public string? RecordedBy { get; private set; }

    /// <summary>What the household said; null for a visit that did not take place.</summary>
    public VisitRecord? Record { get; private set; }

    /// <summary>A dunning follow-up: the reason for the arrears the owner gave, if any.</summary>
    public ArrearsReason? ArrearsReason { get; private set; }

    /// <summary>The customer requests opened from issues raised in the visit.</summary>
    public List<Guid> RequestIds { get; private set; } = [];

    public DateTimeOffset CreatedAt { get; private set; }

    public string CreatedBy { get; private set; } = "";

    /// <summary>Dunning follow-ups: the owner in arrears, how much, and the dunning step that escalated.</summary>
    public Guid? OwnerId { get; private set; }

    public decimal? ArrearsAmount { get; private set; }

    public string? Currency { get; private set; }

    public int? DunningStep { get; private set; }

    public uint Version { get; private set; }

    public bool IsOpen => Status != ButlerVisitStatus.Completed;

    public static ButlerVisit Schedule(Guid estateId, Guid unitId, string butler, DateTimeOffset appointmentAt, string createdBy, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        EstateId = estateId,
        UnitId = unitId,
        Kind = ButlerVisitKind.Routine,
        Status = ButlerVisitStatus.Scheduled,
        Butler = butler,
        AppointmentAt = appointmentAt,
        CreatedAt = now,
        CreatedBy = createdBy,
    };

    /// <summary>A visit the butler must arrange because the owner's arrears reached the butler-visit step of dunning.</summary>
    public static ButlerVisit DunningTask(
        Guid estateId, Guid unitId, Guid ownerId, decimal arrearsAmount, string currency, int dunningStep, string createdBy, DateTimeOffset now) => new()
        {
            Id = Guid.CreateVersion7(now),
            EstateId = estateId,
            UnitId = unitId,
            Kind = ButlerVisitKind.DunningFollowUp,
            Status = ButlerVisitStatus.ToArrange,
            OwnerId = ownerId,
            ArrearsAmount = arrearsAmount,
            Currency = currency,
            DunningStep = dunningStep,
            CreatedAt = now,
            CreatedBy = createdBy,
        };

    /// <summary>Billing escalated again while the task is still open: the butler sees the latest figures.</summary>
    public void UpdateArrears(Guid ownerId, decimal arrearsAmount, string currency, int dunningStep)
    {
        OwnerId = ownerId;
        ArrearsAmount = arrearsAmount;
        Currency = currency;
        DunningStep = dunningStep;
    }

    /// <summary>Agrees (or moves) the appointment. A visit already made cannot be rebooked.</summary>
    public void Arrange(string butler, DateTimeOffset appointmentAt)
    {
        if (!IsOpen)
        {
            throw new ConflictException("The visit has taken place already; schedule a new one.");
        }

        Butler = butler;
        AppointmentAt = appointmentAt;
        Status = ButlerVisitStatus.Scheduled;
    }

    /// <summary>
    /// Records how the visit went, once, and only for a visit with an appointment (visits are by appointment). A visit that
    /// took place carries the household's record; the arrears reason belongs to dunning follow-ups only.
    /// </summary>
    public void Complete(
        ButlerVisitOutcome outcome, string? notes, DateTimeOffset visitedAt, string recordedBy, VisitRecord? record = null, ArrearsReason? arrearsReason = null)
    {
        if (Status == ButlerVisitStatus.Completed)
        {
            throw new ConflictException("The outcome of this visit is recorded already.");
        }

        if (Status == ButlerVisitStatus.ToArrange)
        {
            throw new ConflictException("Visits are by appointment: arrange one before recording the outcome.");
        }

        if (arrearsReason is not null && Kind != ButlerVisitKind.DunningFollowUp)
        {
            throw new ValidationFailedException("arrearsReason", "Only a dunning follow-up visit records a reason for arrears.");
        }

        Outcome = outcome;
        Notes = notes;
        VisitedAt = visitedAt;
        RecordedBy = recordedBy;
        Record = outcome == ButlerVisitOutcome.Visited ? record : null;
        ArrearsReason = arrearsReason;
        Status = ButlerVisitStatus.Completed;
    }

    public void LinkRequest(Guid requestId) => RequestIds.Add(requestId);

    /// <summary>The estate-local calendar <paramref name="year"/> as UTC instants: visits made in [From, To) count for it.</summary>
    public static (DateTimeOffset From, DateTimeOffset To) LocalYear(EstateCalendar calendar, int year) =>
        (calendar.ToInstant(new DateOnly(year, 1, 1), TimeOnly.MinValue), calendar.ToInstant(new DateOnly(year + 1, 1, 1), TimeOnly.MinValue));
}
