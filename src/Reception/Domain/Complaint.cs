using PropertyPlatform.ServiceDefaults.Auditing;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Sla;

namespace PropertyPlatform.Reception.Domain;

/// <summary>What the resident's words turn out to be, once classified.</summary>
public enum ComplaintKind
{
    Complaint,
    Suggestion,
    Opinion,
}

public enum ComplaintCategory
{
    ServiceAttitude,
    Maintenance,
    Security,
    Cleaning,
    Landscaping,
    Fees,
    Parking,
    Noise,
    Facilities,
    Other,
}

/// <summary>Recorded → Classified → Assigned (with a deadline) → Resolved → ResidentInformed → Closed (satisfaction asked).</summary>
public enum ComplaintStatus
{
    Recorded,
    Classified,
    Assigned,
    Resolved,
    ResidentInformed,
    Closed,
}

/// <summary>
/// A complaint, handled impartially and recorded fully: every step is a <see cref="ComplaintStep"/> naming who took it
/// and when, nothing is ever deleted, and the responsible person works against a deadline in the estate's working
/// hours (paused while waiting for the resident) that escalates when breached.
/// </summary>
public sealed class Complaint : IUnitScoped
{
    /// <summary>
    /// The deadline set at assignment, counted in working hours; the supervisor hears of a breach, the estate manager
    /// if it is still unresolved a day later.
    /// </summary>
    public static readonly SlaPolicy Deadline = new(
        "complaint-deadline", SlaTimeBasis.WorkingHours, TimeSpan.FromHours(16), TimeSpan.FromHours(2),
        SlaPolicy.FrontDeskChain(toManagerAfter: TimeSpan.FromHours(24)));

    /// <summary>A resident scoring 3 or more of 5 is satisfied.</summary>
    public const int SatisfiedFrom = 3;

    private readonly List<ComplaintStep> _steps = [];

    private Complaint()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public Guid? UnitId { get; private set; }

    /// <summary>The customer request the complaint was recorded as.</summary>
    public Guid RequestId { get; private set; }

    public string ComplainantName { get; private set; } = "";

    [PrivateData]
    public string? ComplainantPhone { get; private set; }

    public string Description { get; private set; } = "";

    public ComplaintStatus Status { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    public ComplaintKind? Kind { get; private set; }

    public ComplaintCategory? Category { get; private set; }

    public Department? Department { get; private set; }

    public string? ResponsiblePerson { get; private set; }

    /// <summary>The deadline, from assignment on (working hours in the estate's calendar).</summary>
    public SlaClock? Resolution { get; private set; }

    /// <summary>
    /// The deadline that applies, kept so the desk's list can page by it: the request's 5-minute routing deadline until the
    /// complaint is assigned (assigning routes the request), then <see cref="Resolution"/>'s, moved when it resumes.
    /// </summary>
    public DateTimeOffset DeadlineAt { get; private set; }

    public string? ResolutionText { get; private set; }

    public DateTimeOffset? ResolvedAt { get; private set; }

    public DateTimeOffset? InformedAt { get; private set; }

    public int? SatisfactionScore { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public Guid CorrelationId { get; private set; }

    public uint Version { get; private set; }

    public IReadOnlyList<ComplaintStep> Steps => _steps;

    public bool? Satisfied => SatisfactionScore is { } score ? score >= SatisfiedFrom : null;

    public static Complaint Record(CustomerRequest request, Actor by) => new Complaint
    {
        Id = Guid.CreateVersion7(request.ReceivedAt),
        EstateId = request.EstateId,
        UnitId = request.UnitId,
        RequestId = request.Id,
        ComplainantName = request.RequesterName,
        ComplainantPhone = request.RequesterPhone,
        Description = request.Description,
        Status = ComplaintStatus.Recorded,
        RecordedAt = request.ReceivedAt,
        DeadlineAt = request.Routing.DueAt,
        CorrelationId = request.CorrelationId,
    }.Step(ComplaintAction.Recorded, by, request.ReceivedAt, request.Description);

    public void Classify(ComplaintKind kind, ComplaintCategory category, Actor by, DateTimeOffset at)
    {
        Require(ComplaintStatus.Recorded, ComplaintStatus.Classified);
        Kind = kind;
        Category = category;
        Status = ComplaintStatus.Classified;
        Step(ComplaintAction.Classified, by, at, $"{kind}, {category}");
    }

    /// <summary>The responsible department and person, and the deadline in working hours (the policy's 16 unless given).</summary>
    public void Assign(Department department, string responsiblePerson, TimeSpan? workingTime, EstateCalendar calendar, Actor by, DateTimeOffset at)
    {
        Require(ComplaintStatus.Classified);
        Department = department;
        ResponsiblePerson = responsiblePerson;
        // The person may be named in words (an outside contractor); only a staff account id can be appraised.
        Resolution = SlaClock.Start(Deadline with { Duration = workingTime ?? Deadline.Duration }, calendar, at,
            Guid.TryParse(responsiblePerson, out var staffId) ? staffId : null);
        DeadlineAt = Resolution.DueAt;
        Status = ComplaintStatus.Assigned;
        Step(ComplaintAction.Assigned, by, at, $"{department}: {responsiblePerson}, due {Resolution.DueAt:O}");
    }

    public void AddNote(string note, Actor by, DateTimeOffset at)
    {
        if (Status == ComplaintStatus.Closed)
        {
            throw new ConflictException("The complaint is closed.");
        }

        Step(ComplaintAction.Note, by, at, note);
    }

    /// <summary>Waiting for the resident (away, no access): the deadline stops until work can go on.</summary>
    public void Pause(string reason, EstateCalendar calendar, Actor by, DateTimeOffset at)
    {
        Require(ComplaintStatus.Assigned);
        if (Resolution!.PausedAt is not null)
        {
            throw new ConflictException("The deadline is already paused.");
        }

        Resolution.Pause(Deadline, calendar, at);
        Step(ComplaintAction.Paused, by, at, reason);
    }

    public void Resume(EstateCalendar calendar, Actor by, DateTimeOffset at)
    {
        Require(ComplaintStatus.Assigned);
        if (Resolution!.PausedAt is null)
        {
            throw new ConflictException("The deadline is not paused.");
        }

        Resolution.Resume(Deadline, calendar, at);
        DeadlineAt = Resolution.DueAt;
        Step(ComplaintAction.Resumed, by, at, $"due {Resolution.DueAt:O}");
    }

    public void Resolve(string resolution, Actor by, DateTimeOffset at)
    {
        Require(ComplaintStatus.Assigned);
        ResolutionText = resolution;
        ResolvedAt = at;
        Resolution!.Complete(at);
        Status = ComplaintStatus.Resolved;
        Step(ComplaintAction.Resolved, by, at, resolution);
    }

    /// <summary>The result was told to the resident.</summary>
    public void InformResident(string note, Actor by, DateTimeOffset at)
    {
        Require(ComplaintStatus.Resolved);
        InformedAt = at;
        Status = ComplaintStatus.ResidentInformed;
        Step(ComplaintAction.ResidentInformed, by, at, note);
    }

    /// <summary>The resident's satisfaction with the handling (1–5) closes the complaint.</summary>
    public void RecordSatisfaction(int score, string? comment, Actor by, DateTimeOffset at)
    {
        Require(ComplaintStatus.ResidentInformed);
        SatisfactionScore = score;
        ClosedAt = at;
        Status = ComplaintStatus.Closed;
        Step(ComplaintAction.SatisfactionRecorded, by, at, comment is null ? $"{score}/5" : $"{score}/5: {comment}");
    }

    /// <summary>Breached: resolved after the deadline, or still open past it.</summary>
    public bool Breached(DateTimeOffset now) => Resolution is { } clock && (clock.BreachedAt is not null || (clock.CompletedAt ?? now) > clock.DueAt && clock.PausedAt is null);

    private void Require(params ComplaintStatus[] allowed)
    {
        if (!allowed.Contains(Status))
        {
            throw new ConflictException($"The complaint is {Status}; this step needs it {string.Join(" or ", allowed)}.");
        }
    }

    private Complaint Step(ComplaintAction action, Actor by, DateTimeOffset at, string note)
    {
        _steps.Add(new ComplaintStep(_steps.Count + 1, action, by.Subject, by.Name, at, note));
        return this;
    }
}

public enum ComplaintAction
{
    Recorded,
    Classified,
    Assigned,
    Note,
    Paused,
    Resumed,
    Resolved,
    ResidentInformed,
    SatisfactionRecorded,
}

/// <summary>One attributable step of a complaint's handling: what, who, when, and what they wrote.</summary>
public sealed record ComplaintStep(int Number, ComplaintAction Action, string By, string ByName, DateTimeOffset At, string Note);

/// <summary>Who took a step: the token's subject and display name.</summary>
public sealed record Actor(string Subject, string Name);
