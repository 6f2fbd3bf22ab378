using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.HrTraining.Domain;

/// <summary>
/// A supervisor's written assessment of a person on an estate-local day (front-desk supervisors assess each clerk at
/// least twice a week): a score of 1 to 5 and the text that justifies it.
/// </summary>
public sealed class WrittenAssessment : IEstateOwned
{
    /// <summary>How many written assessments a front-desk clerk gets per week at least.</summary>
    public const int PerWeek = 2;

    private WrittenAssessment()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public Guid StaffId { get; private set; }

    public DateOnly Day { get; private set; }

    public int Score { get; private set; }

    public string Text { get; private set; } = "";

    public string AssessedBy { get; private set; } = "";

    public string AssessorName { get; private set; } = "";

    public DateTimeOffset RecordedAt { get; private set; }

    public static WrittenAssessment Write(
        Guid estateId, Guid staffId, DateOnly day, int score, string text, string assessedBy, string assessorName, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        EstateId = estateId,
        StaffId = staffId,
        Day = day,
        Score = score,
        Text = text,
        AssessedBy = assessedBy,
        AssessorName = assessorName,
        RecordedAt = now,
    };
}

/// <summary>An owner's callback scores about a person's own work (reception's <c>CallbackCompleted</c>), one per callback, newest kept.</summary>
public sealed class CallbackScore : IEstateOwned
{
    private CallbackScore()
    {
    }

    public Guid CallbackId { get; private set; }

    public Guid EstateId { get; private set; }

    public Guid StaffId { get; private set; }

    public Guid? WorkOrderId { get; private set; }

    public int Attitude { get; private set; }

    public int Quality { get; private set; }

    public int Speed { get; private set; }

    public bool Satisfied { get; private set; }

    public DateTimeOffset CalledAt { get; private set; }

    public static CallbackScore Record(
        Guid callbackId, Guid estateId, Guid staffId, Guid? workOrderId, int attitude, int quality, int speed, bool satisfied, DateTimeOffset calledAt) => new()
    {
        CallbackId = callbackId,
        EstateId = estateId,
        StaffId = staffId,
        WorkOrderId = workOrderId,
        Attitude = attitude,
        Quality = quality,
        Speed = speed,
        Satisfied = satisfied,
        CalledAt = calledAt,
    };

    /// <summary>A later outcome of the same callback replaces this one; an older one arriving late changes nothing.</summary>
    public bool Replace(CallbackScore newer)
    {
        if (newer.CalledAt <= CalledAt)
        {
            return false;
        }

        StaffId = newer.StaffId;
        WorkOrderId = newer.WorkOrderId;
        Attitude = newer.Attitude;
        Quality = newer.Quality;
        Speed = newer.Speed;
        Satisfied = newer.Satisfied;
        CalledAt = newer.CalledAt;
        return true;
    }
}

/// <summary>A deadline the person was responsible for and missed (<c>SlaBreached</c> naming them), once per deadline.</summary>
public sealed class SlaMiss : IEstateOwned
{
    private SlaMiss()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public Guid StaffId { get; private set; }

    public string Service { get; private set; } = "";

    public string Subject { get; private set; } = "";

    public Guid SubjectId { get; private set; }

    public string Policy { get; private set; } = "";

    public DateTimeOffset DueAt { get; private set; }

    public DateTimeOffset BreachedAt { get; private set; }

    public static SlaMiss Record(
        Guid eventId, Guid estateId, Guid staffId, string service, string subject, Guid subjectId, string policy, DateTimeOffset dueAt, DateTimeOffset breachedAt) => new()
    {
        Id = eventId,
        EstateId = estateId,
        StaffId = staffId,
        Service = service,
        Subject = subject,
        SubjectId = subjectId,
        Policy = policy,
        DueAt = dueAt,
        BreachedAt = breachedAt,
    };
}

public enum AppraisalActionKind
{
    Reward,
    Sanction,
}

/// <summary>A reward or a sanction on the person's file; a sanction may send the person back to training.</summary>
public sealed class AppraisalAction : IEstateOwned
{
    private AppraisalAction()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public Guid StaffId { get; private set; }

    public AppraisalActionKind Kind { get; private set; }

    public DateOnly Day { get; private set; }

    public string Reason { get; private set; } = "";

    /// <summary>A sanction that requires re-training before the person's next certification renewal.</summary>
    public bool RetrainingRequired { get; private set; }

    public string DecidedBy { get; private set; } = "";

    public DateTimeOffset RecordedAt { get; private set; }

    public static AppraisalAction Record(
        Guid estateId, Guid staffId, AppraisalActionKind kind, DateOnly day, string reason, bool retrainingRequired, string decidedBy, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        EstateId = estateId,
        StaffId = staffId,
        Kind = kind,
        Day = day,
        Reason = reason,
        RetrainingRequired = kind == AppraisalActionKind.Sanction && retrainingRequired,
        DecidedBy = decidedBy,
        RecordedAt = now,
    };
}

/// <summary>
/// The weekly check found a front-desk clerk with fewer written assessments than <see cref="WrittenAssessment.PerWeek"/>
/// in the week starting <see cref="Week"/>: kept once per clerk, estate and week, so the estate manager hears of it once.
/// </summary>
public sealed class AssessmentShortfallFlag : IEstateOwned
{
    private AssessmentShortfallFlag()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public Guid StaffId { get; private set; }

    public DateOnly Week { get; private set; }

    public int Assessments { get; private set; }

    /// <summary>How many estate managers were notified (none when the estate has no manager on file).</summary>
    public int Notified { get; private set; }

    public DateTimeOffset FlaggedAt { get; private set; }

    public static AssessmentShortfallFlag Flag(Guid estateId, Guid staffId, DateOnly week, int assessments, int notified, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        EstateId = estateId,
        StaffId = staffId,
        Week = week,
        Assessments = assessments,
        Notified = notified,
        FlaggedAt = now,
    };
}
