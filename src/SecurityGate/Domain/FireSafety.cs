using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Sla;

namespace PropertyPlatform.SecurityGate.Domain;

public enum FireCheckKind
{
    /// <summary>Extinguishers, hydrants, alarms, emergency lights: present, charged, working.</summary>
    FireEquipment,

    /// <summary>The fire lane is clear of parked cars and obstructions (消防通道畅通).</summary>
    FireLane,
}

/// <summary>
/// A recurring fire-safety check of an estate: every <see cref="EveryDays"/> days by an estate-local time of day. There is
/// always one check ahead (<see cref="LaidOutUntil"/>); when its deadline passes the next is laid out, and one never done
/// is a miss on the SLA engine.
/// </summary>
public sealed class FireCheckRoutine : IEstateOwned
{
    private FireCheckRoutine()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public FireCheckKind Kind { get; private set; }

    public string Location { get; private set; } = "";

    public int EveryDays { get; private set; }

    public TimeOnly DueBy { get; private set; }

    /// <summary>The deadline of the latest check laid out.</summary>
    public DateTimeOffset LaidOutUntil { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public uint Version { get; private set; }

    public static FireCheckRoutine Create(Guid estateId, FireCheckKind kind, string location, int everyDays, TimeOnly dueBy, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        EstateId = estateId,
        Kind = kind,
        Location = location,
        EveryDays = everyDays,
        DueBy = dueBy,
        LaidOutUntil = at,
        CreatedAt = at,
    };

    /// <summary>
    /// The checks whose period has begun by <paramref name="now"/>: the first by the next <see cref="DueBy"/>, each later
    /// one <see cref="EveryDays"/> days on. Checks missed while nobody laid them out are laid out too, and flagged.
    /// </summary>
    public List<FireCheck> LayOut(DateTimeOffset now, EstateCalendar calendar)
    {
        var checks = new List<FireCheck>();
        var first = LaidOutUntil == CreatedAt;
        // A year of daily checks at most per call, should the service have been down that long.
        for (var laidOut = 0; (first || LaidOutUntil <= now) && laidOut < 366; laidOut++)
        {
            var due = first
                ? calendar.NextLocalTimeOfDay(CreatedAt, DueBy)
                : calendar.ToInstant(calendar.LocalDay(LaidOutUntil).AddDays(EveryDays), DueBy);
            checks.Add(FireCheck.Expect(this, due, calendar));
            LaidOutUntil = due;
            first = false;
        }

        return checks;
    }
}

/// <summary>One fire-safety check due by <see cref="DueAt"/>, done (passed or not) or missed.</summary>
public sealed class FireCheck : IEstateOwned
{
    private FireCheck()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public Guid RoutineId { get; private set; }

    public FireCheckKind Kind { get; private set; }

    public string Location { get; private set; } = "";

    public DateTimeOffset DueAt { get; private set; }

    public SlaClock Done { get; private set; } = null!;

    public DateTimeOffset? DoneAt { get; private set; }

    public string? DoneBy { get; private set; }

    /// <summary>Whether everything was in order (the lane clear, the equipment working).</summary>
    public bool? Passed { get; private set; }

    public string? Notes { get; private set; }

    public uint Version { get; private set; }

    public static FireCheck Expect(FireCheckRoutine routine, DateTimeOffset dueAt, EstateCalendar calendar) => new()
    {
        Id = Guid.CreateVersion7(dueAt),
        EstateId = routine.EstateId,
        RoutineId = routine.Id,
        Kind = routine.Kind,
        Location = routine.Location,
        DueAt = dueAt,
        // Started at the deadline with no time given: the clock's due time is the check's.
        Done = SlaClock.Start(FireSafetyDeadlines.For(routine.Kind), calendar, dueAt),
    };

    public void Record(bool passed, string? notes, string by, DateTimeOffset at)
    {
        DoneAt = at;
        DoneBy = by;
        Passed = passed;
        Notes = notes;
        Done.Complete(at);
    }
}

public static class FireSafetyDeadlines
{
    private static readonly IReadOnlyList<EscalationStep> Chain = SlaPolicy.SecurityChain(toManagerAfter: TimeSpan.FromHours(4));

    public static readonly SlaPolicy Equipment = new("fire-equipment-check", SlaTimeBasis.Elapsed, TimeSpan.Zero, TimeSpan.Zero, Chain);

    public static readonly SlaPolicy Lane = new("fire-lane-check", SlaTimeBasis.Elapsed, TimeSpan.Zero, TimeSpan.Zero, Chain);

    public static SlaPolicy For(FireCheckKind kind) => kind == FireCheckKind.FireLane ? Lane : Equipment;

    public static SlaPolicy Named(string name) => name == Lane.Name ? Lane : name == Equipment.Name ? Equipment
        : throw new InvalidOperationException($"No fire-safety policy '{name}'.");
}

/// <summary>An evaluation of the estate's security plan (drills, coverage, weaknesses found and what is to be done).</summary>
public sealed class SecurityPlanEvaluation : IEstateOwned
{
    private SecurityPlanEvaluation()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public DateOnly EvaluatedOn { get; private set; }

    public string Plan { get; private set; } = "";

    /// <summary>1 (poor) to 5 (excellent).</summary>
    public int Rating { get; private set; }

    public string Findings { get; private set; } = "";

    public string? Actions { get; private set; }

    public string RecordedBy { get; private set; } = "";

    public DateTimeOffset RecordedAt { get; private set; }

    public static SecurityPlanEvaluation Record(Guid estateId, DateOnly on, string plan, int rating, string findings, string? actions, string by, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        EstateId = estateId,
        EvaluatedOn = on,
        Plan = plan,
        Rating = rating,
        Findings = findings,
        Actions = actions,
        RecordedBy = by,
        RecordedAt = at,
    };
}

/// <summary>A safety training session held for residents (fire evacuation, extinguisher use).</summary>
public sealed class SafetyTrainingSession : IEstateOwned
{
    private SafetyTrainingSession()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public DateOnly HeldOn { get; private set; }

    public string Topic { get; private set; } = "";

    public string Trainer { get; private set; } = "";

    public int Attendees { get; private set; }

    public string? Notes { get; private set; }

    public string RecordedBy { get; private set; } = "";

    public DateTimeOffset RecordedAt { get; private set; }

    public static SafetyTrainingSession Record(Guid estateId, DateOnly on, string topic, string trainer, int attendees, string? notes, string by, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        EstateId = estateId,
        HeldOn = on,
        Topic = topic,
        Trainer = trainer,
        Attendees = attendees,
        Notes = notes,
        RecordedBy = by,
        RecordedAt = at,
    };
}
