using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Sla;

namespace PropertyPlatform.Reception.Domain;

public enum PatrolTargetKind
{
    /// <summary>Patrolled weekly.</summary>
    CommonArea,

    /// <summary>Patrolled monthly: meter readings, debris.</summary>
    VacantUnit,

    /// <summary>Patrolled daily while a renovation permit is active: permit posted, extinguisher, passes, structure.</summary>
    RenovationSite,
}

/// <summary>
/// What a butler patrols, with how often: common areas weekly, vacant units monthly, renovation sites daily. The next
/// patrol is due by the end of the estate-local day one period after the last one (or after the target was set up), and
/// that instant is kept with the target so the overdue list is one indexed query.
/// </summary>
public sealed class PatrolTarget : IEstateOwned
{
    private PatrolTarget()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public PatrolTargetKind Kind { get; private set; }

    /// <summary>Where, e.g. <c>Building 1 lobby and stairs</c> or <c>Renovation 1-1201</c>.</summary>
    public string Name { get; private set; } = "";

    /// <summary>The unit of a vacant-unit or renovation-site target; none for a common area.</summary>
    public Guid? UnitId { get; private set; }

    /// <summary>The renovation permit a renovation site comes from.</summary>
    public Guid? PermitId { get; private set; }

    /// <summary>No longer patrolled (the renovation was accepted); kept with its history.</summary>
    public bool Active { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? LastPatrolledAt { get; private set; }

    public DateTimeOffset DueBy { get; private set; }

    public uint Version { get; private set; }

    /// <summary>What a patrol of each kind checks; every item is answered pass or fail.</summary>
    public static IReadOnlyList<string> ChecklistOf(PatrolTargetKind kind) => kind switch
    {
        PatrolTargetKind.CommonArea =>
        [
            "cleanliness", "lighting", "facilitiesIntact", "noSafetyHazards", "greeningKept", "noIllegalPosting", "noNoiseNuisance",
            "nothingThrownFromHeight", "animalsUnderControl",
        ],
        // The meter readings themselves are recorded as numbers with the patrol.
        PatrolTargetKind.VacantUnit => ["noDebris", "doorsAndWindowsSecured"],
        PatrolTargetKind.RenovationSite =>
        [
            "permitPosted", "paperworkInOrder", "extinguisherPresent", "workersHavePasses", "noStructuralChange", "noIllegalOperations",
        ],
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>
    /// When the patrol after one at <paramref name="since"/> is due: by the end of the estate-local day a period later
    /// (a renovation site patrolled on Monday must be patrolled again on Tuesday; a common area on Monday by the next
    /// Monday; a vacant unit on 15 January by 15 February).
    /// </summary>
    public static DateTimeOffset NextDue(PatrolTargetKind kind, DateTimeOffset since, EstateCalendar calendar)
    {
        var day = DateOnly.FromDateTime(calendar.ToLocal(since).DateTime);
        var dueDay = kind switch
        {
            PatrolTargetKind.RenovationSite => day.AddDays(1),
            PatrolTargetKind.CommonArea => day.AddDays(7),
            PatrolTargetKind.VacantUnit => day.AddMonths(1),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
        return calendar.ToInstant(dueDay.AddDays(1), TimeOnly.MinValue);
    }

    public static PatrolTarget Create(
        Guid estateId, PatrolTargetKind kind, string name, Guid? unitId, Guid? permitId, EstateCalendar calendar, DateTimeOffset now) => new()
        {
            Id = Guid.CreateVersion7(now),
            EstateId = estateId,
            Kind = kind,
            Name = name,
            UnitId = unitId,
            PermitId = permitId,
            Active = true,
            CreatedAt = now,
            DueBy = NextDue(kind, now, calendar),
        };

    public bool IsOverdue(DateTimeOffset now) => Active && now >= DueBy;

    /// <summary>A patrol took place at <paramref name="at"/>; a late entry for an earlier patrol does not move the due date back.</summary>
    public void Patrolled(DateTimeOffset at, EstateCalendar calendar)
    {
        if (!Active)
        {
            throw new ConflictException("This target is no longer patrolled.");
        }

        if (LastPatrolledAt is null || at > LastPatrolledAt)
        {
            LastPatrolledAt = at;
            DueBy = NextDue(Kind, at, calendar);
        }
    }

    public void Retire() => Active = false;

    /// <summary>The monthly round of a unit nobody lives in any more, from the day it was vacated.</summary>
    public static PatrolTarget ForVacatedUnit(Guid estateId, Guid unitId, string unitNumber, EstateCalendar calendar, DateTimeOffset now) =>
        Create(estateId, PatrolTargetKind.VacantUnit, $"Vacant unit {unitNumber}", unitId, permitId: null, calendar, now);
}

/// <summary>A vacant unit's meters as read on a patrol: water in m³, electricity in kWh, exact decimals.</summary>
public sealed record PatrolMeterReadings(decimal Water, decimal Electricity);

/// <summary>One patrol of a target: the checklist answered item by item, notes, and what it found.</summary>
public sealed class PatrolRecord : IEstateOwned
{
    private PatrolRecord()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public Guid TargetId { get; private set; }

    public DateTimeOffset PatrolledAt { get; private set; }

    public string PatrolledBy { get; private set; } = "";

    public List<string> PassedItems { get; private set; } = [];

    public List<string> FailedItems { get; private set; } = [];

    public string? Notes { get; private set; }

    /// <summary>A vacant unit's meter readings (required on its round); none for other targets.</summary>
    public PatrolMeterReadings? Readings { get; private set; }

    /// <summary>A serious finding went to this CS supervisor on duty (their account); null when none or nobody was on duty.</summary>
    public string? EscalatedTo { get; private set; }

    public DateTimeOffset? EscalatedAt { get; private set; }

    /// <summary>Customer requests opened from the patrol's findings.</summary>
    public List<Guid> RequestIds { get; private set; } = [];

    /// <summary>Violations found on the patrol.</summary>
    public List<Guid> ViolationIds { get; private set; } = [];

    public DateTimeOffset RecordedAt { get; private set; }

    public static PatrolRecord Record(
        PatrolTarget target, DateTimeOffset patrolledAt, string patrolledBy, IReadOnlyDictionary<string, bool> checklist, string? notes, DateTimeOffset now,
        PatrolMeterReadings? readings = null)
    {
        var expected = PatrolTarget.ChecklistOf(target.Kind);
        if (checklist.Count != expected.Count || !expected.All(checklist.ContainsKey))
        {
            throw new ArgumentException($"The checklist must answer exactly: {string.Join(", ", expected)}.", nameof(checklist));
        }

        if ((target.Kind == PatrolTargetKind.VacantUnit) != (readings is not null))
        {
            throw new ArgumentException("A vacant unit's round records its meter readings; other patrols have none.", nameof(readings));
        }

        return new()
        {
            Id = Guid.CreateVersion7(now),
            EstateId = target.EstateId,
            TargetId = target.Id,
            PatrolledAt = patrolledAt,
            PatrolledBy = patrolledBy,
            PassedItems = [.. expected.Where(item => checklist[item])],
            FailedItems = [.. expected.Where(item => !checklist[item])],
            Notes = notes,
            Readings = readings,
            RecordedAt = now,
        };
    }

    /// <summary>A serious finding was escalated to the CS supervisor on duty.</summary>
    public void EscalatedToSupervisor(string supervisor, DateTimeOffset at)
    {
        EscalatedTo = supervisor;
        EscalatedAt = at;
    }

    public void LinkRequest(Guid requestId) => RequestIds.Add(requestId);

    public void LinkViolation(Guid violationId) => ViolationIds.Add(violationId);
}
