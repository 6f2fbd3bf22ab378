using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.HrTraining.Domain;

public enum CourseCategory
{
    Knowledge,
    Skills,
    Professionalism,
}

public enum TrainingNeedReason
{
    NewStarter,
    CertificationExpiring,
    FailedTraining,
    Sanction,
    Other,
}

public enum TrainingNeedStatus
{
    Open,

    /// <summary>On an approved training plan: a course is lined up for it.</summary>
    Planned,
    Met,
}

/// <summary>
/// Someone needs training: a new starter, a certification running out, a failed course, a sanction. Optionally for a
/// trade or post; gathered into one training plan at most (planned once the plan is approved); met when the person
/// passes a course (for that duty, when one is named).
/// </summary>
public sealed class TrainingNeed : IEstateOwned
{
    private TrainingNeed()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public Guid StaffId { get; private set; }

    public DutyKind? Kind { get; private set; }

    public string? Name { get; private set; }

    public TrainingNeedReason Reason { get; private set; }

    public string Note { get; private set; } = "";

    public TrainingNeedStatus Status { get; private set; }

    public DateTimeOffset RaisedAt { get; private set; }

    public string RaisedBy { get; private set; } = "";

    public Guid? MetByEnrolmentId { get; private set; }

    /// <summary>The training plan that gathered this need, if one has.</summary>
    public Guid? PlanId { get; private set; }

    /// <summary>PostgreSQL's row version: two plans gathering the need at once, or a pass meeting it meanwhile, cannot both win.</summary>
    public uint Version { get; private set; }

    public static TrainingNeed Raise(
        Guid estateId, Guid staffId, Duty? duty, TrainingNeedReason reason, string note, string raisedBy, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        EstateId = estateId,
        StaffId = staffId,
        Kind = duty?.Kind,
        Name = duty?.Name,
        Reason = reason,
        Note = note,
        Status = TrainingNeedStatus.Open,
        RaisedAt = now,
        RaisedBy = raisedBy,
    };

    public Duty? Duty => Kind is { } kind ? new Duty(kind, Name!) : null;

    /// <summary>Whether <paramref name="course"/> trains what this need asks for (any course does when it names no duty).</summary>
    public bool IsMetBy(TrainingCourse course) => Duty is not { } duty || course.Duty == duty;

    /// <summary>Gathered into a draft plan: an open need no other plan holds.</summary>
    public bool GatherInto(Guid planId)
    {
        if (Status != TrainingNeedStatus.Open || PlanId is not null)
        {
            return false;
        }

        PlanId = planId;
        return true;
    }

    /// <summary>Its plan was approved: the course is lined up.</summary>
    public void Planned()
    {
        if (Status == TrainingNeedStatus.Open)
        {
            Status = TrainingNeedStatus.Planned;
        }
    }

    /// <summary>Its plan was sent back: the need is free for another plan.</summary>
    public void Released()
    {
        if (Status == TrainingNeedStatus.Open)
        {
            PlanId = null;
        }
    }

    /// <summary>Met by passing <paramref name="course"/> when it trains the duty the need names (any course meets a need naming none).</summary>
    public bool MetBy(TrainingCourse course, Guid enrolmentId)
    {
        if (Status == TrainingNeedStatus.Met || !IsMetBy(course))
        {
            return false;
        }

        Status = TrainingNeedStatus.Met;
        MetByEnrolmentId = enrolmentId;
        return true;
    }
}

/// <summary>
/// A course: knowledge, skills or professionalism; an exam with a pass mark (0–100) and a number of attempts; for a
/// skills course usually a practical check a supervisor signs off. Passing a course for a trade or post grants the
/// certification for it (or renews the standing one) for <see cref="ValidityMonths"/>.
/// </summary>
public sealed class TrainingCourse : IEstateOwned
{
    private TrainingCourse()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public string Title { get; private set; } = "";

    public CourseCategory Category { get; private set; }

    public DutyKind? Kind { get; private set; }

    public string? Name { get; private set; }

    public int PassMark { get; private set; }

    public int MaxAttempts { get; private set; }

    public bool RequiresPracticalCheck { get; private set; }

    public int ValidityMonths { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public Duty? Duty => Kind is { } kind ? new Duty(kind, Name!) : null;

    public static TrainingCourse Create(
        Guid estateId, string title, CourseCategory category, Duty? duty, int passMark, int maxAttempts, bool requiresPracticalCheck, int validityMonths,
        DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        EstateId = estateId,
        Title = title,
        Category = category,
        Kind = duty?.Kind,
        Name = duty?.Name,
        PassMark = passMark,
        MaxAttempts = maxAttempts,
        RequiresPracticalCheck = requiresPracticalCheck,
        ValidityMonths = validityMonths,
        CreatedAt = now,
    };
}

/// <summary>One run of a course at a time (UTC), by a trainer.</summary>
public sealed class TrainingSession : IEstateOwned
{
    private TrainingSession()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public Guid CourseId { get; private set; }

    public DateTimeOffset StartsAt { get; private set; }

    public string Trainer { get; private set; } = "";

    public static TrainingSession Schedule(TrainingCourse course, DateTimeOffset startsAt, string trainer, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        EstateId = course.EstateId,
        CourseId = course.Id,
        StartsAt = startsAt,
        Trainer = trainer,
    };
}

public enum EnrolmentOutcome
{
    Enrolled,
    Passed,
    Failed,
}

/// <summary>
/// A person on a session: attendance, exam attempts (up to the course's limit), the practical check; passed once they
/// attended, reached the pass mark and (when the course asks) passed the practical check; failed when the attempts or
/// the practical check are spent.
/// </summary>
public sealed class Enrolment : IEstateOwned
{
    private Enrolment()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public Guid SessionId { get; private set; }

    public Guid CourseId { get; private set; }

    public Guid StaffId { get; private set; }

    public bool? Attended { get; private set; }

    public int ExamAttempts { get; private set; }

    public int? BestScore { get; private set; }

    public bool ExamPassed { get; private set; }

    public bool? PracticalPassed { get; private set; }

    public string? PracticalSignedBy { get; private set; }

    public EnrolmentOutcome Outcome { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    public Guid? CertificationId { get; private set; }

    public uint Version { get; private set; }

    public static Enrolment Enrol(TrainingSession session, Guid staffId, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        EstateId = session.EstateId,
        SessionId = session.Id,
        CourseId = session.CourseId,
        StaffId = staffId,
        Outcome = EnrolmentOutcome.Enrolled,
    };

    public bool IsOpen => Outcome == EnrolmentOutcome.Enrolled;

    public void RecordAttendance(bool attended, TrainingCourse course, DateTimeOffset now)
    {
        Attended = attended;
        Settle(course, now);
    }

    /// <summary>One exam attempt; false when none is left.</summary>
    public bool RecordExam(int score, TrainingCourse course, DateTimeOffset now)
    {
        if (!IsOpen || ExamPassed || ExamAttempts >= course.MaxAttempts)
        {
            return false;
        }

        ExamAttempts++;
        BestScore = Math.Max(BestScore ?? 0, score);
        ExamPassed = score >= course.PassMark;
        Settle(course, now);
        return true;
    }

    public void RecordPractical(bool passed, string signedBy, TrainingCourse course, DateTimeOffset now)
    {
        PracticalPassed = passed;
        PracticalSignedBy = signedBy;
        Settle(course, now);
    }

    public void Certified(Guid certificationId) => CertificationId = certificationId;

    private void Settle(TrainingCourse course, DateTimeOffset now)
    {
        var failed = Attended == false || (!ExamPassed && ExamAttempts >= course.MaxAttempts) || (course.RequiresPracticalCheck && PracticalPassed == false);
        var passed = Attended == true && ExamPassed && (!course.RequiresPracticalCheck || PracticalPassed == true);
        if (failed || passed)
        {
            Outcome = passed ? EnrolmentOutcome.Passed : EnrolmentOutcome.Failed;
            CompletedAt = now;
        }
    }
}
