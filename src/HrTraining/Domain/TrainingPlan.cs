using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.HrTraining.Domain;

public enum TrainingPlanStatus
{
    Draft,
    Approved,
    Rejected,
}

/// <summary>
/// An estate's training plan for a period (estate-local days <see cref="From"/> to <see cref="Until"/>, inclusive):
/// the open needs it gathers and the courses that meet them. HR draws it up; the estate manager approves it (or sends
/// it back), never the person who drew it up. Approval marks its needs planned; each is met when its person passes
/// one of the courses.
/// </summary>
public sealed class TrainingPlan : IEstateOwned
{
    /// <summary>How many needs and courses one plan holds at most: a period's plan for one estate, not a catalogue.</summary>
    public const int MaxNeeds = 500;

    public const int MaxCourses = 50;

    private TrainingPlan()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public string Title { get; private set; } = "";

    public DateOnly From { get; private set; }

    public DateOnly Until { get; private set; }

    public Guid[] NeedIds { get; private set; } = [];

    public Guid[] CourseIds { get; private set; } = [];

    public TrainingPlanStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public string CreatedBy { get; private set; } = "";

    public DateTimeOffset? DecidedAt { get; private set; }

    public string? DecidedBy { get; private set; }

    public string? DecisionNote { get; private set; }

    /// <summary>PostgreSQL's row version: two decisions at once cannot both win.</summary>
    public uint Version { get; private set; }

    public static TrainingPlan Draw(
        Guid estateId, string title, DateOnly from, DateOnly until, Guid[] needIds, Guid[] courseIds, string createdBy, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        EstateId = estateId,
        Title = title,
        From = from,
        Until = until,
        NeedIds = needIds,
        CourseIds = courseIds,
        Status = TrainingPlanStatus.Draft,
        CreatedAt = now,
        CreatedBy = createdBy,
    };

    /// <summary>Approves or sends back a draft; false when it was decided already.</summary>
    public bool Decide(bool approve, string? note, string decidedBy, DateTimeOffset now)
    {
        if (Status != TrainingPlanStatus.Draft)
        {
            return false;
        }

        Status = approve ? TrainingPlanStatus.Approved : TrainingPlanStatus.Rejected;
        DecisionNote = note;
        DecidedBy = decidedBy;
        DecidedAt = now;
        return true;
    }
}
