using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Sla;

namespace PropertyPlatform.Maintenance.Domain;

public enum PlanKind
{
    /// <summary>Inspection rounds: the technicians' daily rounds, a fire-system check.</summary>
    Inspection,

    /// <summary>Periodic maintenance of equipment, up to the annual overhaul.</summary>
    Preventive,

    /// <summary>Cleaning and greening standards, inspected against a checklist.</summary>
    Environment,
}

/// <summary>
/// A recurring task of an asset or a common area. At each due time (an estate-local day and time of day) the scheduler
/// creates its task and a planned work order; the task must be done within its frequency's deadline (<see cref="PlanDeadlines"/>)
/// or the plan is overdue, a breach on the SLA engine. A plan with a checklist (every environment plan) is done when its
/// checklist result is recorded; one without, when its work order is completed.
/// </summary>
public sealed class MaintenancePlan : IEstateOwned
{
    private MaintenancePlan()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public PlanKind Kind { get; private set; }

    public string Title { get; private set; } = "";

    public Guid? AssetId { get; private set; }

    public string Area { get; private set; } = "";

    public string Trade { get; private set; } = "";

    public FrequencyUnit Unit { get; private set; }

    public int Every { get; private set; }

    public DateOnly FirstDueOn { get; private set; }

    /// <summary>The estate-local time of day each task falls due.</summary>
    public TimeOnly TimeOfDay { get; private set; }

    /// <summary>What the inspector checks and answers pass or fail: the standard, item by item.</summary>
    public List<string> Checklist { get; private set; } = [];

    public bool Active { get; private set; } = true;

    /// <summary>The number of the next occurrence (0 is the first due day).</summary>
    public int NextOccurrence { get; private set; }

    public DateOnly NextDueOn { get; private set; }

    /// <summary><see cref="NextDueOn"/> at <see cref="TimeOfDay"/> in the estate's time zone, as an instant: what the scheduler queries.</summary>
    public DateTimeOffset NextDueAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public string CreatedBy { get; private set; } = "";

    public uint Version { get; private set; }

    public PlanFrequency Frequency => new(Unit, Every);

    public static MaintenancePlan Create(
        Guid estateId, PlanKind kind, string title, Guid? assetId, string area, string trade, PlanFrequency frequency, DateOnly firstDueOn, TimeOnly timeOfDay,
        IReadOnlyList<string> checklist, EstateCalendar calendar, Actor by, DateTimeOffset at)
    {
        var plan = new MaintenancePlan
        {
            Id = Guid.CreateVersion7(at),
            EstateId = estateId,
            Kind = kind,
            Title = title,
            AssetId = assetId,
            Area = area,
            Trade = trade,
            Unit = frequency.Unit,
            Every = frequency.Every,
            FirstDueOn = firstDueOn,
            TimeOfDay = timeOfDay,
            Checklist = [.. checklist],
            CreatedAt = at,
            CreatedBy = by.Subject,
        };
        plan.ScheduleOccurrence(0, calendar);
        return plan;
    }

    /// <summary>When occurrence <paramref name="n"/> falls due, as an instant (a time skipped by DST moves forward).</summary>
    public static DateTimeOffset DueAt(PlanFrequency frequency, DateOnly firstDay, TimeOnly timeOfDay, int n, EstateCalendar calendar) =>
        calendar.ToInstant(frequency.Occurrence(firstDay, n), timeOfDay);

    public bool IsDue(DateTimeOffset now) => Active && NextDueAt <= now;

    /// <summary>
    /// The task of the occurrence due at <paramref name="now"/>, and the plan moved on to the next one. Each occurrence is
    /// taken once: the task is unique per plan and due day, and the plan's row version stops a second scheduler.
    /// </summary>
    public PlanTask TakeDueTask(DateTimeOffset now, EstateCalendar calendar)
    {
        if (!IsDue(now))
        {
            throw new ConflictException($"The plan's next task is due at {NextDueAt:O}.");
        }

        var task = PlanTask.Open(this, NextDueOn, NextDueAt, calendar, now);
        ScheduleOccurrence(NextOccurrence + 1, calendar);
        return task;
    }

    /// <summary>Stops creating tasks; tasks already created stay to be done.</summary>
    public void Deactivate() => Active = false;

    private void ScheduleOccurrence(int n, EstateCalendar calendar)
    {
        NextOccurrence = n;
        NextDueOn = Frequency.Occurrence(FirstDueOn, n);
        NextDueAt = DueAt(Frequency, FirstDueOn, TimeOfDay, n, calendar);
    }
}

/// <summary>One checklist item answered by the inspector.</summary>
public sealed record ChecklistAnswer(string Item, bool Passed, string? Note);

/// <summary>
/// One occurrence of a plan: due on a local day, with its work order and the clock that says whether it was done in time.
/// </summary>
public sealed class PlanTask : IEstateOwned
{
    private PlanTask()
    {
    }

    public Guid Id { get; private set; }

    public Guid PlanId { get; private set; }

    public Guid EstateId { get; private set; }

    public PlanKind Kind { get; private set; }

    public DateOnly DueOn { get; private set; }

    public DateTimeOffset DueAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public Guid? WorkOrderId { get; private set; }

    /// <summary>Whether the checklist result (rather than the work order's completion) marks it done.</summary>
    public bool NeedsChecklist { get; private set; }

    /// <summary>Done by its frequency's deadline, or the plan is overdue.</summary>
    public SlaClock Done { get; private set; } = null!;

    public DateTimeOffset? DoneAt { get; private set; }

    public string? DoneBy { get; private set; }

    public List<ChecklistAnswer> Answers { get; private set; } = [];

    public string? Notes { get; private set; }

    public uint Version { get; private set; }

    public bool AllPassed => Answers.All(a => a.Passed);

    internal static PlanTask Open(MaintenancePlan plan, DateOnly dueOn, DateTimeOffset dueAt, EstateCalendar calendar, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        PlanId = plan.Id,
        EstateId = plan.EstateId,
        Kind = plan.Kind,
        DueOn = dueOn,
        DueAt = dueAt,
        CreatedAt = now,
        NeedsChecklist = plan.Checklist.Count > 0,
        // The deadline counts from when the task fell due, even if the scheduler ran late.
        Done = SlaClock.Start(plan.Frequency.Deadline, calendar, dueAt),
    };

    public void AttachWorkOrder(Guid workOrderId) => WorkOrderId = workOrderId;

    /// <summary>The work order was completed: done, unless a checklist result is what this task waits for.</summary>
    public void WorkOrderCompleted(Actor by, DateTimeOffset at)
    {
        if (!NeedsChecklist)
        {
            MarkDone(by, at);
        }
    }

    /// <summary>The inspector's checklist result (checked against the plan's checklist by the caller); recorded once.</summary>
    public void RecordResult(IReadOnlyList<ChecklistAnswer> answers, string? notes, Actor by, DateTimeOffset at)
    {
        if (DoneAt is not null)
        {
            throw new ConflictException($"The task was done at {DoneAt:O}; its result is recorded already.");
        }

        Answers = [.. answers];
        Notes = notes;
        MarkDone(by, at);
    }

    private void MarkDone(Actor by, DateTimeOffset at)
    {
        if (DoneAt is not null)
        {
            return;
        }

        DoneAt = at;
        DoneBy = by.Subject;
        Done.Complete(at);
    }
}
