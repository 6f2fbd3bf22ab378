using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.HrTraining.Data;
using PropertyPlatform.HrTraining.Domain;
using PropertyPlatform.HrTraining.Features.Attendance;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.HrTraining.Features.Appraisal;

public sealed record WriteAssessmentCommand(Guid? StaffId, Guid? EstateId, string? Day, int? Score, string? Text);

public sealed record RecordActionCommand(Guid? EstateId, string? Kind, string? Day, string? Reason, bool? Retraining);

public sealed record AssessmentResponse(Guid Id, Guid EstateId, Guid StaffId, DateOnly Day, int Score, string Text, string AssessorName, DateTimeOffset RecordedAt);

public sealed record AssessmentsSummary(int Count, decimal? AverageScore, AssessmentResponse[] Items);

public sealed record CallbacksSummary(int Count, int Satisfied, decimal? SatisfactionRate, decimal? AverageAttitude, decimal? AverageQuality, decimal? AverageSpeed);

public sealed record SlaMissResponse(string Service, string Subject, Guid SubjectId, string Policy, DateTimeOffset DueAt, DateTimeOffset BreachedAt);

public sealed record AttendanceSummary(int Shifts, int Attended, int OnTime, int Late, int MinutesLate, int LeftEarly, int OnLeave, int Absent, decimal? OnTimeRate);

/// <summary>
/// The period's daily, weekly and monthly checks (maintenance, security and cleaning staff): count and average per
/// frequency, failed checks, and the combined score of <see cref="CheckWeights"/>.
/// </summary>
public sealed record ChecksSummary(
    int Daily, decimal? DailyAverage, int Weekly, decimal? WeeklyAverage, int Monthly, decimal? MonthlyAverage, int Failed, decimal? CombinedScore,
    CheckResponse[] Items);

public sealed record ActionResponse(Guid Id, Guid EstateId, string Kind, DateOnly Day, string Reason, bool RetrainingRequired, string DecidedBy, DateTimeOffset RecordedAt);

/// <summary>
/// A person's appraisal for a month (<c>2027-01</c>) or quarter (<c>2027-Q1</c>), estate-local days of their home
/// estate: the supervisors' written assessments, callback scores for their own work, the deadlines they missed, their
/// attendance, the daily/weekly/monthly checks (maintenance, security, cleaning), and the rewards and sanctions given.
/// The parts are shown side by side, each on its own scale; no weighting across them is invented (only the checks,
/// of three frequencies on one scale, are combined, see <see cref="CheckWeights"/>).
/// </summary>
public sealed record AppraisalResponse(
    Guid StaffId, string Name, string Period, DateOnly From, DateOnly Until, AssessmentsSummary Assessments, CallbacksSummary Callbacks,
    SlaMissResponse[] SlaMisses, AttendanceSummary Attendance, ActionResponse[] RewardsAndSanctions, ChecksSummary Checks);

/// <summary>A front-desk clerk with fewer than two written assessments in a week.</summary>
public sealed record AssessmentShortfall(Guid StaffId, string Name, int Assessments, int Required);

/// <summary>
/// Appraisal (domain.md): supervisors' written assessments (front-desk clerks at least twice a week; the weekly check
/// lists every shortfall for the estate manager), callback scores and missed deadlines arriving from reception and the
/// SLA engine, attendance, rewards and sanctions (a sanction may require re-training).
/// </summary>
public static partial class AppraisalApi
{
    public const string FrontDeskPost = "front-desk";

    [GeneratedRegex("^(?<year>[0-9]{4})-(?:(?<month>0[1-9]|1[0-2])|Q(?<quarter>[1-4]))$")]
    private static partial Regex PeriodPattern();

    public static RouteGroupBuilder MapAppraisalApi(this RouteGroupBuilder api)
    {
        var appraisal = api.MapGroup("/appraisal").WithTags("Appraisal");
        appraisal.MapPost("/assessments", WriteAssessment).RequireRoles(HrTrainingRoles.Supervisors);
        appraisal.MapGet("/assessment-shortfalls", Shortfalls).RequireRoles(HrTrainingRoles.Readers);
        appraisal.MapPost("/{staffId:guid}/actions", RecordAction).RequireRoles(HrTrainingRoles.Supervisors);
        appraisal.MapGet("/{staffId:guid}", Appraise).RequireRoles(HrTrainingRoles.Readers);
        appraisal.MapGet("/me", Mine).RequireRoles(HrTrainingRoles.Staff);
        return api;
    }

    public static async Task<Created<AssessmentResponse>> WriteAssessment(
        WriteAssessmentCommand command, HrTrainingDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var staffId = errors.Id(command.StaffId, "staffId");
        var estateId = errors.Id(command.EstateId, "estateId");
        var day = errors.LocalDate(command.Day, "day");
        if (command.Score is not (>= 1 and <= 5))
        {
            errors.Add("score", "Required, 1 (poor) to 5 (excellent).");
        }

        var text = errors.Text(command.Text, "text", maxLength: 4000, minLength: 10);
        errors.ThrowIfAny();
        scope.EnsureCanWrite(estateId);
        var staff = await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.Id == staffId, cancellationToken)
            ?? throw new NotFoundException("Staff member", staffId);
        if (!staff.WorksIn(estateId))
        {
            throw new ValidationFailedException("estateId", $"{staff.DisplayName} does not work in this estate.");
        }

        if (scope.Subject == staffId.ToString())
        {
            throw new ForbiddenException("Nobody assesses themself.");
        }

        var assessment = WrittenAssessment.Write(estateId, staffId, day, command.Score!.Value, text, scope.Account(), scope.DisplayName(), time.GetUtcNow());
        db.Assessments.Add(assessment);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/hr-training/appraisal/{staffId}", ToResponse(assessment));
    }

    /// <summary>The weekly check: front-desk clerks rostered in the week starting <c>week</c> (a Monday) with fewer than two assessments there.</summary>
    public static async Task<Ok<AssessmentShortfall[]>> Shortfalls(HrTrainingDbContext db, Guid? estateId, string? week, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estate = errors.Id(estateId, "estateId");
        var monday = errors.LocalDate(week, "week");
        if (monday != default && monday.DayOfWeek != DayOfWeek.Monday)
        {
            errors.Add("week", "Must be a Monday (the week's first day).");
        }

        errors.ThrowIfAny();
        if (!db.Scope.CanSeeEstate(estate))
        {
            throw new NotFoundException("Estate", estate);
        }

        var counts = await AssessmentCountsAsync(db, estate, monday, monday.AddDays(7), cancellationToken);
        return TypedResults.Ok(counts.Where(c => c.Assessments < WrittenAssessment.PerWeek)
            .Select(c => new AssessmentShortfall(c.StaffId, c.Name, c.Assessments, WrittenAssessment.PerWeek))
            .OrderBy(c => c.Name, StringComparer.Ordinal).ToArray());
    }

    /// <summary>
    /// Per week starting on a Monday from <paramref name="from"/> to <paramref name="until"/>: each front-desk clerk
    /// rostered that week (published) and how many written assessments they got in the estate that week.
    /// </summary>
    internal static async Task<List<(DateOnly Week, Guid StaffId, string Name, int Assessments)>> AssessmentCountsAsync(
        HrTrainingDbContext db, Guid estateId, DateOnly from, DateOnly until, CancellationToken cancellationToken)
    {
        var clerkDays = await db.Shifts.AsNoTracking()
            .Where(s => s.EstateId == estateId && s.PublishedAt != null && s.Kind == DutyKind.Post && s.Name == FrontDeskPost && s.Day >= from && s.Day < until)
            .Select(s => new { s.StaffId, s.StaffName, s.Day })
            .ToListAsync(cancellationToken);
        var assessed = await db.Assessments.AsNoTracking()
            .Where(a => a.EstateId == estateId && a.Day >= from && a.Day < until)
            .Select(a => new { a.StaffId, a.Day })
            .ToListAsync(cancellationToken);
        DateOnly WeekOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
        var perWeek = assessed.GroupBy(a => (WeekOf(a.Day), a.StaffId)).ToDictionary(g => g.Key, g => g.Count());
        return [.. clerkDays.GroupBy(s => (Week: WeekOf(s.Day), s.StaffId))
            .Select(g => (g.Key.Week, g.Key.StaffId, g.First().StaffName, perWeek.GetValueOrDefault(g.Key)))];
    }

    public static async Task<Created<ActionResponse>> RecordAction(
        Guid staffId, RecordActionCommand command, HrTrainingDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estateId = errors.Id(command.EstateId, "estateId");
        var kind = errors.Enum<AppraisalActionKind>(command.Kind, "kind");
        var day = errors.LocalDate(command.Day, "day");
        var reason = errors.Text(command.Reason, "reason", maxLength: 1000);
        if (command.Retraining == true && LocalInput.Names<AppraisalActionKind>(command.Kind) && kind == AppraisalActionKind.Reward)
        {
            errors.Add("retraining", "Only a sanction can require re-training.");
        }

        errors.ThrowIfAny();
        var staff = await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.Id == staffId, cancellationToken)
            ?? throw new NotFoundException("Staff member", staffId);
        scope.EnsureCanWrite(estateId);
        if (!staff.WorksIn(estateId))
        {
            throw new ValidationFailedException("estateId", $"{staff.DisplayName} does not work in this estate.");
        }

        var action = AppraisalAction.Record(estateId, staffId, kind, day, reason, command.Retraining == true, scope.Account(), time.GetUtcNow());
        db.AppraisalActions.Add(action);
        if (action.RetrainingRequired)
        {
            // Re-training after a sanction: the need goes to HR/training with the sanction's reason.
            db.TrainingNeeds.Add(TrainingNeed.Raise(estateId, staffId, null, TrainingNeedReason.Sanction, reason, scope.Account(), action.RecordedAt));
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/hr-training/appraisal/{staffId}", ToResponse(action));
    }

    public static async Task<Ok<AppraisalResponse>> Appraise(
        Guid staffId, HrTrainingDbContext db, IEstateCalendars calendars, TimeProvider time, string? period, CancellationToken cancellationToken)
    {
        var (label, from, until) = ReadPeriod(period);
        var staff = await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.Id == staffId, cancellationToken)
            ?? throw new NotFoundException("Staff member", staffId);
        return TypedResults.Ok(await AppraiseAsync(db, calendars, staff, label, from, until, time.GetUtcNow(), cancellationToken));
    }

    /// <summary>The caller's own appraisal.</summary>
    public static async Task<Ok<AppraisalResponse>> Mine(
        HrTrainingDbContext db, IEstateCalendars calendars, EstateScope scope, TimeProvider time, string? period, CancellationToken cancellationToken)
    {
        var (label, from, until) = ReadPeriod(period);
        var staffId = AttendanceApi.CallerStaffId(scope);
        var staff = await db.Staff.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(s => s.Id == staffId, cancellationToken)
            ?? throw new NotFoundException("Staff member", staffId);
        return TypedResults.Ok(await AppraiseAsync(db, calendars, staff, label, from, until, time.GetUtcNow(), cancellationToken));
    }

    private static async Task<AppraisalResponse> AppraiseAsync(
        HrTrainingDbContext db, IEstateCalendars calendars, StaffMember staff, string label, DateOnly from, DateOnly until, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var calendar = await calendars.GetKnownAsync(staff.EstateId, cancellationToken);
        var (fromInstant, untilInstant) = (calendar.ToInstant(from, TimeOnly.MinValue), calendar.ToInstant(until, TimeOnly.MinValue));
        var assessments = await db.Assessments.IgnoreQueryFilters().AsNoTracking()
            .Where(a => a.StaffId == staff.Id && a.Day >= from && a.Day < until).OrderBy(a => a.Day).ThenBy(a => a.RecordedAt)
            .ToListAsync(cancellationToken);
        var callbacks = await db.CallbackScores.IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.StaffId == staff.Id && c.CalledAt >= fromInstant && c.CalledAt < untilInstant)
            .ToListAsync(cancellationToken);
        var misses = await db.SlaMisses.IgnoreQueryFilters().AsNoTracking()
            .Where(m => m.StaffId == staff.Id && m.BreachedAt >= fromInstant && m.BreachedAt < untilInstant).OrderBy(m => m.BreachedAt)
            .ToListAsync(cancellationToken);
        var actions = await db.AppraisalActions.IgnoreQueryFilters().AsNoTracking()
            .Where(a => a.StaffId == staff.Id && a.Day >= from && a.Day < until).OrderBy(a => a.Day)
            .ToListAsync(cancellationToken);
        var checks = await db.StaffChecks.IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.StaffId == staff.Id && c.Day >= from && c.Day < until).OrderBy(c => c.Day).ThenBy(c => c.RecordedAt)
            .ToListAsync(cancellationToken);
        var attendance = (await AttendanceSheets.RowsAsync(db, db.Shifts.IgnoreQueryFilters().Where(s => s.StaffId == staff.Id), from, until, now, cancellationToken))
            .SingleOrDefault();

        static decimal? Average(IReadOnlyCollection<int> values) => values.Count == 0 ? null : Math.Round((decimal)values.Sum() / values.Count, 2);
        return new AppraisalResponse(
            staff.Id, staff.DisplayName, label, from, until.AddDays(-1),
            new AssessmentsSummary(assessments.Count, Average([.. assessments.Select(a => a.Score)]), [.. assessments.Select(ToResponse)]),
            new CallbacksSummary(
                callbacks.Count, callbacks.Count(c => c.Satisfied), AttendanceSheets.Rate(callbacks.Count(c => c.Satisfied), callbacks.Count),
                Average([.. callbacks.Select(c => c.Attitude)]), Average([.. callbacks.Select(c => c.Quality)]), Average([.. callbacks.Select(c => c.Speed)])),
            [.. misses.Select(m => new SlaMissResponse(m.Service, m.Subject, m.SubjectId, m.Policy, m.DueAt, m.BreachedAt))],
            attendance is null
                ? new AttendanceSummary(0, 0, 0, 0, 0, 0, 0, 0, null)
                : new AttendanceSummary(attendance.Shifts, attendance.Attended, attendance.OnTime, attendance.Late, attendance.MinutesLate, attendance.LeftEarly,
                    attendance.OnLeave, attendance.Absent, attendance.OnTimeRate),
            [.. actions.Select(ToResponse)],
            Summarize(checks));
    }

    private static ChecksSummary Summarize(List<StaffCheck> checks)
    {
        (int Count, decimal? Average) Of(CheckFrequency frequency)
        {
            var scores = checks.Where(c => c.Frequency == frequency).Select(c => c.Score).ToList();
            return (scores.Count, scores.Count == 0 ? null : Math.Round((decimal)scores.Sum() / scores.Count, 2));
        }

        var (daily, weekly, monthly) = (Of(CheckFrequency.Daily), Of(CheckFrequency.Weekly), Of(CheckFrequency.Monthly));
        return new ChecksSummary(
            daily.Count, daily.Average, weekly.Count, weekly.Average, monthly.Count, monthly.Average, checks.Count(c => c.Failed), CheckWeights.Combined(checks),
            [.. checks.Select(StaffChecksApi.ToResponse)]);
    }

    /// <summary><c>yyyy-MM</c> (a month) or <c>yyyy-Qn</c> (a quarter): its label, first day and the day after its last.</summary>
    private static (string Label, DateOnly From, DateOnly Until) ReadPeriod(string? period)
    {
        var match = PeriodPattern().Match(period ?? "");
        if (!match.Success)
        {
            throw new ValidationFailedException("period", "Required, as yyyy-MM (a month) or yyyy-Qn (a quarter, n = 1 to 4).");
        }

        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        var isMonth = match.Groups["month"].Success;
        var first = isMonth
            ? new DateOnly(year, int.Parse(match.Groups["month"].Value, CultureInfo.InvariantCulture), 1)
            : new DateOnly(year, ((int.Parse(match.Groups["quarter"].Value, CultureInfo.InvariantCulture) - 1) * 3) + 1, 1);
        return (period!, first, first.AddMonths(isMonth ? 1 : 3));
    }

    private static AssessmentResponse ToResponse(WrittenAssessment a) => new(a.Id, a.EstateId, a.StaffId, a.Day, a.Score, a.Text, a.AssessorName, a.RecordedAt);

    private static ActionResponse ToResponse(AppraisalAction a) => new(a.Id, a.EstateId, a.Kind.ToString(), a.Day, a.Reason, a.RetrainingRequired, a.DecidedBy, a.RecordedAt);
}
