using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.HrTraining.Data;
using PropertyPlatform.HrTraining.Domain;
using PropertyPlatform.HrTraining.Features.Rosters;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.ServiceDefaults.Data;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.HrTraining.Features.Attendance;

/// <summary>Leave asked for by the caller, estate-local days <c>from</c>–<c>until</c> inclusive.</summary>
public sealed record AskLeaveCommand(string? Kind, string? From, string? Until, string? Reason);

public sealed record DecideLeaveCommand(bool? Approve, string? Note);

public sealed record LeaveResponse(
    Guid Id, Guid EstateId, Guid StaffId, string Kind, DateOnly From, DateOnly Until, string Reason, string Status, DateTimeOffset RequestedAt,
    string? DecidedBy, DateTimeOffset? DecidedAt, string? DecisionNote);

/// <summary>
/// Leave: a person asks for themself; a supervisor or the estate manager of their home estate approves or rejects
/// (never their own). Approving takes the person off the rosters of those days (their shifts still to come are removed and
/// the published days published again without them); a shift already over stays, and the sheet counts it as leave.
/// </summary>
public static class LeaveApi
{
    private const int MaxDays = 90;

    public static RouteGroupBuilder MapLeaveApi(this RouteGroupBuilder api)
    {
        var leave = api.MapGroup("/attendance/leave").WithTags("Attendance");
        leave.MapPost("/", Ask).RequireRoles(HrTrainingRoles.Staff);
        leave.MapGet("/mine", Mine).RequireRoles(HrTrainingRoles.Staff);
        leave.MapGet("/", List).RequireRoles(HrTrainingRoles.Supervisors);
        leave.MapPost("/{id:guid}/decide", Decide).RequireRoles(HrTrainingRoles.Supervisors);
        return api;
    }

    public static async Task<Created<LeaveResponse>> Ask(
        AskLeaveCommand command, HrTrainingDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var kind = errors.Enum<LeaveKind>(command.Kind, "kind");
        var from = errors.LocalDate(command.From, "from");
        var until = errors.LocalDate(command.Until, "until");
        var reason = errors.Text(command.Reason, "reason", maxLength: 500);
        if (from != default && until != default && (until < from || until.DayNumber - from.DayNumber >= MaxDays))
        {
            errors.Add("until", $"Must be on or after from, at most {MaxDays} days in all.");
        }

        errors.ThrowIfAny();
        var staffId = AttendanceApi.CallerStaffId(scope);
        var staff = await db.Staff.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(s => s.Id == staffId, cancellationToken)
            ?? throw new ForbiddenException("Your account has no employment file.");
        var leave = LeaveRequest.Ask(staff, kind, from, until, reason, time.GetUtcNow());
        db.LeaveRequests.Add(leave);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/hr-training/attendance/leave/mine", ToResponse(leave));
    }

    public static async Task<Ok<LeaveResponse[]>> Mine(HrTrainingDbContext db, EstateScope scope, CancellationToken cancellationToken)
    {
        var staffId = AttendanceApi.CallerStaffId(scope);
        var leave = await db.LeaveRequests.IgnoreQueryFilters().AsNoTracking().Where(l => l.StaffId == staffId)
            .OrderByDescending(l => l.From).Take(200).ToListAsync(cancellationToken);
        return TypedResults.Ok(leave.Select(ToResponse).ToArray());
    }

    /// <summary>An estate's leave requests, newest first; optionally by status.</summary>
    public static async Task<Ok<Page<LeaveResponse>>> List(
        HrTrainingDbContext db, Guid? estateId, string? status, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estate = errors.Id(estateId, "estateId");
        var wanted = status is null ? (LeaveStatus?)null : errors.Enum<LeaveStatus>(status, "status");
        errors.ThrowIfAny();
        if (!db.Scope.CanSeeEstate(estate))
        {
            throw new NotFoundException("Estate", estate);
        }

        var query = db.LeaveRequests.AsNoTracking().Where(l => l.EstateId == estate);
        query = wanted is null ? query : query.Where(l => l.Status == wanted);
        return TypedResults.Ok(await query.ToKeysetPageAsync(l => l.RequestedAt, l => l.Id, cursor, limit, ToResponse, cancellationToken));
    }

    public static async Task<Ok<LeaveResponse>> Decide(
        Guid id, DecideLeaveCommand command, HrTrainingDbContext db, IEstateCalendars calendars, EstateScope scope, CorrelationContext correlation,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        if (command.Approve is null)
        {
            errors.Add("approve", "Required: true to approve, false to reject.");
        }

        var note = errors.OptionalText(command.Note, "note", maxLength: 500);
        errors.ThrowIfAny();
        var leave = await db.LeaveRequests.SingleOrDefaultAsync(l => l.Id == id, cancellationToken) ?? throw new NotFoundException("Leave request", id);
        scope.EnsureCanWrite(leave.EstateId);
        if (scope.Subject == leave.StaffId.ToString())
        {
            throw new ForbiddenException("Nobody decides their own leave.");
        }

        var now = time.GetUtcNow();
        if (!leave.Decide(command.Approve!.Value, scope.Account(), note, now))
        {
            throw new ConflictException($"This leave request was already {leave.Status.ToString().ToLowerInvariant()}.");
        }

        if (leave.Status == LeaveStatus.Approved)
        {
            await RostersApi.TakeOffDutyAsync(db, calendars, leave, scope.Account(), correlation.CorrelationId, now, cancellationToken);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || ex.IsUniqueViolation())
        {
            throw new ConflictException("The leave request or a roster it touches changed meanwhile; read them again and retry.");
        }

        return TypedResults.Ok(ToResponse(leave));
    }

    private static LeaveResponse ToResponse(LeaveRequest l) => new(
        l.Id, l.EstateId, l.StaffId, l.Kind.ToString(), l.From, l.Until, l.Reason, l.Status.ToString(), l.RequestedAt, l.DecidedBy, l.DecidedAt, l.DecisionNote);
}
