using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Reception.Domain;

public enum ActivityStatus
{
    /// <summary>Planned with its budget; owners sign up until it starts.</summary>
    Planned,

    /// <summary>Held: participants answer the evaluation questionnaire.</summary>
    Held,

    /// <summary>Closed with its actual cost and evaluation: the archive.</summary>
    Archived,
}

/// <summary>
/// A community activity (社区文化活动): planned with a budget and a capacity, owners sign up (one place per household
/// member named), held, evaluated by a questionnaire afterwards (satisfaction 1–5 and a comment, once per sign-up), and
/// archived with what it actually cost.
/// </summary>
public sealed class CommunityActivity : IEstateOwned
{
    private CommunityActivity()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public string Title { get; private set; } = "";

    public string Description { get; private set; } = "";

    public string Place { get; private set; } = "";

    public DateTimeOffset StartsAt { get; private set; }

    public int Capacity { get; private set; }

    /// <summary>Places taken: counted on the activity itself, so its row version settles two last places taken at once.</summary>
    public int SignedUp { get; private set; }

    public decimal Budget { get; private set; }

    public string Currency { get; private set; } = "";

    public ActivityStatus Status { get; private set; }

    public decimal? ActualCost { get; private set; }

    public string? Summary { get; private set; }

    public DateTimeOffset PlannedAt { get; private set; }

    public string PlannedBy { get; private set; } = "";

    public DateTimeOffset? ArchivedAt { get; private set; }

    public uint Version { get; private set; }

    public static CommunityActivity Plan(
        Guid estateId, string title, string description, string place, DateTimeOffset startsAt, int capacity, decimal budget, string currency,
        string by, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        EstateId = estateId,
        Title = title,
        Description = description,
        Place = place,
        StartsAt = startsAt,
        Capacity = capacity,
        Budget = budget,
        Currency = currency,
        Status = ActivityStatus.Planned,
        PlannedAt = at,
        PlannedBy = by,
    };

    /// <summary>Takes a place; sign-ups close when the activity starts, and when it is full.</summary>
    public void TakePlace(DateTimeOffset now)
    {
        if (Status != ActivityStatus.Planned || now >= StartsAt)
        {
            throw new ConflictException("Sign-up has closed: the activity has started.");
        }

        if (SignedUp >= Capacity)
        {
            throw new ConflictException($"The activity is full ({Capacity} places).");
        }

        SignedUp++;
    }

    public void MarkHeld(DateTimeOffset now)
    {
        if (Status != ActivityStatus.Planned)
        {
            throw new ConflictException($"The activity is {Status} already.");
        }

        if (now < StartsAt)
        {
            throw new ConflictException("The activity has not started yet.");
        }

        Status = ActivityStatus.Held;
    }

    public void Archive(decimal actualCost, string summary, DateTimeOffset now)
    {
        if (Status != ActivityStatus.Held)
        {
            throw new ConflictException(Status == ActivityStatus.Archived ? "The activity is archived already." : "Hold the activity before archiving it.");
        }

        ActualCost = actualCost;
        Summary = summary;
        Status = ActivityStatus.Archived;
        ArchivedAt = now;
    }
}

/// <summary>A place taken at an activity: for a unit (an owner signs up their own), in a participant's name; its evaluation once held.</summary>
public sealed class ActivitySignUp : IUnitScoped
{
    private ActivitySignUp()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public Guid ActivityId { get; private set; }

    public Guid? UnitId { get; private set; }

    public string Participant { get; private set; } = "";

    public DateTimeOffset SignedUpAt { get; private set; }

    /// <summary>The questionnaire: satisfaction 1–5 and a comment, answered once after the activity.</summary>
    public int? Satisfaction { get; private set; }

    public string? Comment { get; private set; }

    public DateTimeOffset? EvaluatedAt { get; private set; }

    public static ActivitySignUp For(CommunityActivity activity, Guid unitId, string participant, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        EstateId = activity.EstateId,
        ActivityId = activity.Id,
        UnitId = unitId,
        Participant = participant,
        SignedUpAt = at,
    };

    public void Evaluate(CommunityActivity activity, int satisfaction, string? comment, DateTimeOffset at)
    {
        if (activity.Status != ActivityStatus.Held)
        {
            throw new ConflictException("The questionnaire opens once the activity is held, and closes when it is archived.");
        }

        if (EvaluatedAt is not null)
        {
            throw new ConflictException("This place's questionnaire is answered already.");
        }

        Satisfaction = satisfaction;
        Comment = comment;
        EvaluatedAt = at;
    }
}
