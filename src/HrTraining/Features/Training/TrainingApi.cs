using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.HrTraining.Data;
using PropertyPlatform.HrTraining.Domain;
using PropertyPlatform.HrTraining.Features.Certifications;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.HrTraining.Features.Training;

public sealed record RaiseNeedCommand(Guid? StaffId, Guid? EstateId, string? Trade, string? Post, string? Reason, string? Note);

public sealed record CreateCourseCommand(
    Guid? EstateId, string? Title, string? Category, string? Trade, string? Post, int? PassMark, int? MaxAttempts, bool? RequiresPracticalCheck,
    int? ValidityMonths);

/// <summary>A session of a course at <c>startsAt</c>, estate-local <c>yyyy-MM-ddTHH:mm</c>.</summary>
public sealed record ScheduleSessionCommand(Guid? CourseId, string? StartsAt);

public sealed record EnrolCommand(Guid? StaffId);

public sealed record AttendanceCommand(bool? Attended);

public sealed record ExamCommand(int? Score);

public sealed record PracticalCheckCommand(bool? Passed);

public sealed record NeedResponse(
    Guid Id, Guid EstateId, Guid StaffId, string? Trade, string? Post, string Reason, string Note, string Status, DateTimeOffset RaisedAt, Guid? MetByEnrolmentId,
    Guid? PlanId);

public sealed record CourseResponse(
    Guid Id, Guid EstateId, string Title, string Category, string? Trade, string? Post, int PassMark, int MaxAttempts, bool RequiresPracticalCheck,
    int ValidityMonths);

public sealed record SessionResponse(Guid Id, Guid EstateId, Guid CourseId, DateTimeOffset StartsAt, string Trainer);

public sealed record EnrolmentResponse(
    Guid Id, Guid SessionId, Guid CourseId, Guid StaffId, bool? Attended, int ExamAttempts, int? BestScore, bool ExamPassed, bool? PracticalPassed,
    string? PracticalSignedBy, string Outcome, Guid? CertificationId);

/// <summary>One line of a session's class list: the enrolment and the person's name.</summary>
public sealed record SessionEnrolmentResponse(EnrolmentResponse Enrolment, string StaffName);

/// <summary>
/// Training (培训): needs (new starter, expiring certification, failed course, sanction) → courses (knowledge, skills,
/// professionalism) → sessions with enrolment and attendance → exams with a pass mark and attempts → a practical
/// check signed off by a supervisor. Passing a course for a trade or post grants the certification for it, or renews
/// the standing one, through the certification code (published as usual); failing raises a re-training need.
/// </summary>
public static class TrainingApi
{
    public static RouteGroupBuilder MapTrainingApi(this RouteGroupBuilder api)
    {
        var training = api.MapGroup("/training").WithTags("Training");
        training.MapPost("/needs", RaiseNeed).RequireRoles([.. HrTrainingRoles.Supervisors, PlatformRoles.Trainer]);
        training.MapGet("/needs", ListNeeds).RequireRoles(HrTrainingRoles.Readers);
        training.MapPost("/courses", CreateCourse).RequireRoles(PlatformRoles.Trainer);
        training.MapGet("/courses", ListCourses).RequireRoles(HrTrainingRoles.Readers);
        training.MapGet("/courses/{id:guid}", GetCourse).RequireRoles(HrTrainingRoles.Readers);
        training.MapPost("/sessions", ScheduleSession).RequireRoles(PlatformRoles.Trainer);
        training.MapGet("/sessions", ListSessions).RequireRoles(HrTrainingRoles.Readers);
        training.MapGet("/sessions/{id:guid}", GetSession).RequireRoles(HrTrainingRoles.Readers);
        training.MapPost("/sessions/{id:guid}/enrolments", Enrol).RequireRoles(PlatformRoles.Trainer);
        training.MapGet("/sessions/{id:guid}/enrolments", ListEnrolments).RequireRoles(HrTrainingRoles.Readers);
        training.MapPost("/enrolments/{id:guid}/attendance", RecordAttendance).RequireRoles(PlatformRoles.Trainer);
        training.MapPost("/enrolments/{id:guid}/exam", RecordExam).RequireRoles(PlatformRoles.Trainer);
        // The practical check is the supervisor's, who will have the person on duty: not the trainer's.
        training.MapPost("/enrolments/{id:guid}/practical-check", SignOffPractical).RequireRoles(HrTrainingRoles.Supervisors);
        training.MapGet("/enrolments/{id:guid}", GetEnrolment).RequireRoles(HrTrainingRoles.Readers);
        return api;
    }

    public static async Task<Created<NeedResponse>> RaiseNeed(
        RaiseNeedCommand command, HrTrainingDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var staffId = errors.Id(command.StaffId, "staffId");
        var estateId = errors.Id(command.EstateId, "estateId");
        Duty? duty = command.Trade is null && command.Post is null ? null : errors.Duty(command.Trade, command.Post);
        var reason = errors.Enum<TrainingNeedReason>(command.Reason, "reason");
        var note = errors.Text(command.Note, "note", maxLength: 1000);
        errors.ThrowIfAny();
        scope.EnsureCanWrite(estateId);
        var staff = await StaffInAsync(db, staffId, estateId, cancellationToken);
        var need = TrainingNeed.Raise(estateId, staff.Id, duty, reason, note, scope.Account(), time.GetUtcNow());
        db.TrainingNeeds.Add(need);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/hr-training/training/needs?estateId={estateId}", ToResponse(need));
    }

    public static async Task<Ok<Page<NeedResponse>>> ListNeeds(
        HrTrainingDbContext db, Guid? estateId, Guid? staffId, string? status, Guid? planId, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estate = errors.Id(estateId, "estateId");
        var wanted = status is null ? (TrainingNeedStatus?)null : errors.Enum<TrainingNeedStatus>(status, "status");
        var plan = errors.OptionalId(planId, "planId", "for needs on any plan or none");
        errors.ThrowIfAny();
        if (!db.Scope.CanSeeEstate(estate))
        {
            throw new NotFoundException("Estate", estate);
        }

        var query = db.TrainingNeeds.AsNoTracking().Where(n => n.EstateId == estate);
        query = staffId is null ? query : query.Where(n => n.StaffId == staffId);
        query = wanted is null ? query : query.Where(n => n.Status == wanted);
        query = plan is null ? query : query.Where(n => n.PlanId == plan);
        return TypedResults.Ok(await query.ToKeysetPageAsync(n => n.RaisedAt, n => n.Id, cursor, limit, ToResponse, cancellationToken));
    }

    public static async Task<Created<CourseResponse>> CreateCourse(
        CreateCourseCommand command, HrTrainingDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estateId = errors.Id(command.EstateId, "estateId");
        var title = errors.Text(command.Title, "title", maxLength: 200);
        var category = errors.Enum<CourseCategory>(command.Category, "category");
        Duty? duty = command.Trade is null && command.Post is null ? null : errors.Duty(command.Trade, command.Post);
        if (command.PassMark is not (>= 1 and <= 100))
        {
            errors.Add("passMark", "Required, 1 to 100 (per cent).");
        }

        if (command.MaxAttempts is not (>= 1 and <= 5))
        {
            errors.Add("maxAttempts", "Required, 1 to 5.");
        }

        if (command.ValidityMonths is not (>= 1 and <= 60))
        {
            errors.Add("validityMonths", "Required, 1 to 60: how long the certification it grants lasts.");
        }

        errors.ThrowIfAny();
        scope.EnsureCanWrite(estateId);
        var course = TrainingCourse.Create(
            estateId, title, category, duty, command.PassMark!.Value, command.MaxAttempts!.Value, command.RequiresPracticalCheck == true,
            command.ValidityMonths!.Value, time.GetUtcNow());
        db.TrainingCourses.Add(course);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/hr-training/training/courses/{course.Id}", ToResponse(course));
    }

    /// <summary>An estate's courses, newest first; by <c>category</c> (knowledge, skills, professionalism) and by the trade or post they train.</summary>
    public static async Task<Ok<Page<CourseResponse>>> ListCourses(
        HrTrainingDbContext db, Guid? estateId, string? category, string? trade, string? post, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estate = errors.Id(estateId, "estateId");
        var wanted = category is null ? (CourseCategory?)null : errors.Enum<CourseCategory>(category, "category");
        Duty? duty = trade is null && post is null ? null : errors.Duty(trade, post);
        errors.ThrowIfAny();
        VisibleEstate(db, estate);

        var query = db.TrainingCourses.AsNoTracking().Where(c => c.EstateId == estate);
        query = wanted is null ? query : query.Where(c => c.Category == wanted);
        query = duty is not { } d ? query : query.Where(c => c.Kind == d.Kind && c.Name == d.Name);
        return TypedResults.Ok(await query.ToKeysetPageAsync(c => c.CreatedAt, c => c.Id, cursor, limit, ToResponse, cancellationToken));
    }

    public static async Task<Ok<CourseResponse>> GetCourse(Guid id, HrTrainingDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(ToResponse(await db.TrainingCourses.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new NotFoundException("Course", id)));

    /// <summary>
    /// An estate's sessions, latest start first; of one course, and starting on the estate-local days <c>from</c> to
    /// <c>until</c> (<c>yyyy-MM-dd</c>, both included), when given.
    /// </summary>
    public static async Task<Ok<Page<SessionResponse>>> ListSessions(
        HrTrainingDbContext db, IEstateCalendars calendars, Guid? estateId, Guid? courseId, string? from, string? until, string? cursor, int? limit,
        CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estate = errors.Id(estateId, "estateId");
        var course = errors.OptionalId(courseId, "courseId", "for every course");
        DateOnly? first = from is null ? null : errors.LocalDate(from, "from");
        DateOnly? last = until is null ? null : errors.LocalDate(until, "until");
        if (first is { } f && last is { } l && f != default && l != default && l < f)
        {
            errors.Add("until", "Cannot be before from.");
        }

        errors.ThrowIfAny();
        VisibleEstate(db, estate);

        var query = db.TrainingSessions.AsNoTracking().Where(s => s.EstateId == estate);
        query = course is null ? query : query.Where(s => s.CourseId == course);
        if (first is not null || last is not null)
        {
            var calendar = await calendars.GetKnownAsync(estate, cancellationToken);
            if (first is { } day)
            {
                var startsFrom = calendar.ToInstant(day, TimeOnly.MinValue);
                query = query.Where(s => s.StartsAt >= startsFrom);
            }

            if (last is { } lastDay)
            {
                var startsBefore = calendar.ToInstant(lastDay.AddDays(1), TimeOnly.MinValue);
                query = query.Where(s => s.StartsAt < startsBefore);
            }
        }

        return TypedResults.Ok(await query.ToKeysetPageAsync(s => s.StartsAt, s => s.Id, cursor, limit, ToResponse, cancellationToken));
    }

    public static async Task<Ok<SessionResponse>> GetSession(Guid id, HrTrainingDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(ToResponse(await db.TrainingSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken)
            ?? throw new NotFoundException("Session", id)));

    /// <summary>Another estate's lists are not found, as its records are.</summary>
    internal static void VisibleEstate(HrTrainingDbContext db, Guid estateId)
    {
        if (!db.Scope.CanSeeEstate(estateId))
        {
            throw new NotFoundException("Estate", estateId);
        }
    }

    public static async Task<Created<SessionResponse>> ScheduleSession(
        ScheduleSessionCommand command, HrTrainingDbContext db, IEstateCalendars calendars, EstateScope scope, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var courseId = errors.Id(command.CourseId, "courseId");
        var (date, at) = errors.LocalDateTime(command.StartsAt, "startsAt");
        errors.ThrowIfAny();
        var course = await db.TrainingCourses.AsNoTracking().SingleOrDefaultAsync(c => c.Id == courseId, cancellationToken)
            ?? throw new NotFoundException("Course", courseId);
        scope.EnsureCanWrite(course.EstateId);
        var calendar = await calendars.GetKnownAsync(course.EstateId, cancellationToken);
        var session = TrainingSession.Schedule(course, calendar.ToInstant(date, at), scope.Account(), time.GetUtcNow());
        db.TrainingSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/hr-training/training/sessions/{session.Id}", ToResponse(session));
    }

    /// <summary>
    /// A session's class list, by name, for the trainer to take attendance and record exams: one classroom, so one bounded
    /// list (as a post's or a route's), not paged.
    /// </summary>
    public static async Task<Ok<SessionEnrolmentResponse[]>> ListEnrolments(Guid id, HrTrainingDbContext db, CancellationToken cancellationToken)
    {
        var session = await db.TrainingSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken)
            ?? throw new NotFoundException("Session", id);
        var enrolled = await db.Enrolments.AsNoTracking().Where(e => e.SessionId == session.Id)
            .Join(db.Staff.IgnoreQueryFilters(), e => e.StaffId, s => s.Id, (e, s) => new { Enrolment = e, s.DisplayName })
            .OrderBy(x => x.DisplayName).ThenBy(x => x.Enrolment.Id)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(enrolled.Select(x => new SessionEnrolmentResponse(ToResponse(x.Enrolment), x.DisplayName)).ToArray());
    }

    public static async Task<Created<EnrolmentResponse>> Enrol(
        Guid id, EnrolCommand command, HrTrainingDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var staffId = errors.Id(command.StaffId, "staffId");
        errors.ThrowIfAny();
        var session = await db.TrainingSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken)
            ?? throw new NotFoundException("Session", id);
        scope.EnsureCanWrite(session.EstateId);
        var staff = await StaffInAsync(db, staffId, session.EstateId, cancellationToken);
        if (await db.Enrolments.AnyAsync(e => e.SessionId == id && e.StaffId == staffId, cancellationToken))
        {
            throw new ConflictException($"{staff.DisplayName} is already enrolled on this session.");
        }

        var enrolment = Enrolment.Enrol(session, staffId, time.GetUtcNow());
        db.Enrolments.Add(enrolment);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/hr-training/training/enrolments/{enrolment.Id}", ToResponse(enrolment));
    }

    public static Task<Ok<EnrolmentResponse>> RecordAttendance(
        Guid id, AttendanceCommand command, HrTrainingDbContext db, IEstateCalendars calendars, EstateScope scope, CorrelationContext correlation,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        if (command.Attended is null)
        {
            errors.Add("attended", "Required: true or false.");
        }

        errors.ThrowIfAny();
        return StepAsync(id, db, calendars, scope, correlation, time, (e, course, now) => e.RecordAttendance(command.Attended!.Value, course, now), cancellationToken);
    }

    public static Task<Ok<EnrolmentResponse>> RecordExam(
        Guid id, ExamCommand command, HrTrainingDbContext db, IEstateCalendars calendars, EstateScope scope, CorrelationContext correlation,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        if (command.Score is not (>= 0 and <= 100))
        {
            errors.Add("score", "Required, 0 to 100.");
        }

        errors.ThrowIfAny();
        return StepAsync(id, db, calendars, scope, correlation, time, (e, course, now) =>
        {
            if (!e.RecordExam(command.Score!.Value, course, now))
            {
                throw new ConflictException($"No exam attempt left on this enrolment (at most {course.MaxAttempts}, and none after a pass).");
            }
        }, cancellationToken);
    }

    public static Task<Ok<EnrolmentResponse>> SignOffPractical(
        Guid id, PracticalCheckCommand command, HrTrainingDbContext db, IEstateCalendars calendars, EstateScope scope, CorrelationContext correlation,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        if (command.Passed is null)
        {
            errors.Add("passed", "Required: true or false.");
        }

        errors.ThrowIfAny();
        return StepAsync(id, db, calendars, scope, correlation, time, (e, course, now) =>
        {
            if (!course.RequiresPracticalCheck)
            {
                throw new ConflictException("This course has no practical check.");
            }

            e.RecordPractical(command.Passed!.Value, scope.Account(), course, now);
        }, cancellationToken);
    }

    public static async Task<Ok<EnrolmentResponse>> GetEnrolment(Guid id, HrTrainingDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(ToResponse(await db.Enrolments.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken)
            ?? throw new NotFoundException("Enrolment", id)));

    /// <summary>
    /// Applies one step to an open enrolment, then settles it: a pass meets the person's open and planned needs and grants or renews
    /// the course's certification (from today, estate time, for the course's validity); a failure raises a re-training need.
    /// </summary>
    private static async Task<Ok<EnrolmentResponse>> StepAsync(
        Guid id, HrTrainingDbContext db, IEstateCalendars calendars, EstateScope scope, CorrelationContext correlation, TimeProvider time,
        Action<Enrolment, TrainingCourse, DateTimeOffset> step, CancellationToken cancellationToken)
    {
        var enrolment = await db.Enrolments.SingleOrDefaultAsync(e => e.Id == id, cancellationToken) ?? throw new NotFoundException("Enrolment", id);
        scope.EnsureCanWrite(enrolment.EstateId);
        if (!enrolment.IsOpen)
        {
            throw new ConflictException($"This enrolment is complete ({enrolment.Outcome}).");
        }

        var course = await db.TrainingCourses.AsNoTracking().SingleAsync(c => c.Id == enrolment.CourseId, cancellationToken);
        var now = time.GetUtcNow();
        step(enrolment, course, now);
        if (enrolment.Outcome == EnrolmentOutcome.Passed)
        {
            await PassedAsync(db, calendars, enrolment, course, scope.Account(), correlation.CorrelationId, now, cancellationToken);
        }
        else if (enrolment.Outcome == EnrolmentOutcome.Failed)
        {
            db.TrainingNeeds.Add(TrainingNeed.Raise(enrolment.EstateId, enrolment.StaffId, course.Duty, TrainingNeedReason.FailedTraining,
                $"Failed '{course.Title}'.", scope.Account(), now));
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException("The enrolment changed meanwhile; read it again and retry.");
        }

        return TypedResults.Ok(ToResponse(enrolment));
    }

    private static async Task PassedAsync(
        HrTrainingDbContext db, IEstateCalendars calendars, Enrolment enrolment, TrainingCourse course, string by, Guid correlationId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var need in await db.TrainingNeeds.Where(n => n.StaffId == enrolment.StaffId && n.Status != TrainingNeedStatus.Met).ToListAsync(cancellationToken))
        {
            need.MetBy(course, enrolment.Id);
        }

        if (course.Duty is not { } duty)
        {
            return;
        }

        var today = (await calendars.GetKnownAsync(course.EstateId, cancellationToken)).LocalDay(now);
        var validUntil = today.AddMonths(course.ValidityMonths);
        var standing = await db.Certifications.SingleOrDefaultAsync(
            c => c.StaffId == enrolment.StaffId && c.EstateId == course.EstateId && c.Kind == duty.Kind && c.Name == duty.Name && c.RevokedAt == null,
            cancellationToken);
        if (standing is null)
        {
            standing = CertificationsApi.Granted(db, course.EstateId, enrolment.StaffId, duty, today, validUntil, by, correlationId, now);
        }
        else
        {
            CertificationsApi.Renewed(db, standing, validUntil, correlationId, now);
        }

        enrolment.Certified(standing.Id);
    }

    private static async Task<StaffMember> StaffInAsync(HrTrainingDbContext db, Guid staffId, Guid estateId, CancellationToken cancellationToken)
    {
        var staff = await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.Id == staffId, cancellationToken)
            ?? throw new ValidationFailedException("staffId", "No employment file for this person in your estates.");
        if (!staff.WorksIn(estateId) || !staff.IsActive)
        {
            throw new ValidationFailedException("staffId", $"{staff.DisplayName} does not work in this estate (or no longer works).");
        }

        return staff;
    }

    internal static NeedResponse ToResponse(TrainingNeed n) => new(
        n.Id, n.EstateId, n.StaffId, n.Duty?.TradeName, n.Duty?.PostName, n.Reason.ToString(), n.Note, n.Status.ToString(), n.RaisedAt, n.MetByEnrolmentId,
        n.PlanId);

    internal static CourseResponse ToResponse(TrainingCourse c) => new(
        c.Id, c.EstateId, c.Title, c.Category.ToString(), c.Duty?.TradeName, c.Duty?.PostName, c.PassMark, c.MaxAttempts, c.RequiresPracticalCheck, c.ValidityMonths);

    private static SessionResponse ToResponse(TrainingSession s) => new(s.Id, s.EstateId, s.CourseId, s.StartsAt, s.Trainer);

    private static EnrolmentResponse ToResponse(Enrolment e) => new(
        e.Id, e.SessionId, e.CourseId, e.StaffId, e.Attended, e.ExamAttempts, e.BestScore, e.ExamPassed, e.PracticalPassed, e.PracticalSignedBy,
        e.Outcome.ToString(), e.CertificationId);
}
