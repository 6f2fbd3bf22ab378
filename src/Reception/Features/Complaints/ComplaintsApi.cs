using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.Reception.Features.Callbacks;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Reception.Features.Complaints;

public sealed record ClassifyComplaintCommand(string? Kind, string? Category);

/// <summary>The responsible department and person; the deadline in working hours (16, two working days, unless given).</summary>
public sealed record AssignComplaintCommand(string? Department, string? ResponsiblePerson, int? DeadlineWorkingHours);

public sealed record ComplaintNoteCommand(string? Note);

public sealed record ComplaintSatisfactionCommand(int? Score, string? Comment);

/// <summary>
/// A complaint. <c>DeadlineAt</c> is the deadline that applies: its request's 5-minute routing until assigned, then
/// <c>DueAt</c>; <c>RemainingWhenPaused</c> is the working time left while paused; <c>EscalationLevel</c> counts the
/// escalation steps reached after a breach (1: the supervisor, 2: the estate manager).
/// </summary>
public sealed record ComplaintResponse(
    Guid Id,
    Guid EstateId,
    Guid? UnitId,
    Guid RequestId,
    string ComplainantName,
    string? ComplainantPhone,
    string Description,
    ComplaintStatus Status,
    DateTimeOffset RecordedAt,
    ComplaintKind? Kind,
    ComplaintCategory? Category,
    Department? Department,
    string? ResponsiblePerson,
    DateTimeOffset? DueAt,
    bool Paused,
    bool Breached,
    string? Resolution,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset? InformedAt,
    int? SatisfactionScore,
    DateTimeOffset? ClosedAt,
    IReadOnlyList<ComplaintStep> Steps,
    DateTimeOffset DeadlineAt,
    TimeSpan? RemainingWhenPaused,
    int EscalationLevel);

/// <summary>
/// Complaints: recorded as customer requests of category complaint, then classified, assigned with a deadline, worked
/// (notes, pauses while waiting for the resident), resolved, told to the resident and closed with their satisfaction.
/// Every step names who took it; nothing is deleted.
/// </summary>
public static class ComplaintsApi
{
    public static RouteGroupBuilder MapComplaintsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/complaints").WithTags("Complaints");
        group.MapGet("/", ListComplaints).RequireRoles(Readers);
        group.MapGet("/summary", ComplaintSummaries.Monthly).RequireRoles(ReceptionRoles.Supervisors);
        group.MapGet("/{id:guid}", GetComplaint).RequireRoles(Readers);
        group.MapPost("/{id:guid}/classify", Classify).RequireRoles(ReceptionRoles.Desk);
        // Impartial handling: the supervisor or the manager decides who is responsible, not the clerk who took the call.
        group.MapPost("/{id:guid}/assign", Assign).RequireRoles(ReceptionRoles.Supervisors);
        group.MapPost("/{id:guid}/notes", AddNote).RequireRoles(ReceptionRoles.Desk);
        group.MapPost("/{id:guid}/pause", Pause).RequireRoles(ReceptionRoles.Desk);
        group.MapPost("/{id:guid}/resume", Resume).RequireRoles(ReceptionRoles.Desk);
        group.MapPost("/{id:guid}/resolve", Resolve).RequireRoles(ReceptionRoles.Desk);
        group.MapPost("/{id:guid}/inform", InformResident).RequireRoles(ReceptionRoles.Desk);
        group.MapPost("/{id:guid}/satisfaction", RecordSatisfaction).RequireRoles([.. ReceptionRoles.Desk, PlatformRoles.Owner]);
        return group;
    }

    private static readonly string[] Readers = [.. ReceptionRoles.Desk, PlatformRoles.Owner];

    public static Task<Ok<ComplaintResponse>> Classify(
        Guid id, ClassifyComplaintCommand command, ReceptionDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var kind = errors.Enum<ComplaintKind>(command.Kind, "kind");
        var category = errors.Enum<ComplaintCategory>(command.Category, "category");
        errors.ThrowIfAny();
        return Step(id, db, scope, time, (c, _, by, now) => c.Classify(kind, category, by, now), cancellationToken);
    }

    public static Task<Ok<ComplaintResponse>> Assign(
        Guid id, AssignComplaintCommand command, ReceptionDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var department = errors.Enum<Department>(command.Department, "department");
        var person = errors.Text(command.ResponsiblePerson, "responsiblePerson", maxLength: 200);
        if (command.DeadlineWorkingHours is { } hours and (< 1 or > 160))
        {
            errors.Add("deadlineWorkingHours", "Between 1 and 160 working hours.");
        }

        errors.ThrowIfAny();
        TimeSpan? workingTime = command.DeadlineWorkingHours is { } h ? TimeSpan.FromHours(h) : null;
        return Step(id, db, scope, time, (c, estate, by, now) =>
        {
            c.Assign(department, person, workingTime, estate.Calendar(), by, now);
            return RouteRequestAsync(db, c, department, person, now);
        }, cancellationToken);
    }

    public static Task<Ok<ComplaintResponse>> AddNote(
        Guid id, ComplaintNoteCommand command, ReceptionDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var note = Note(command);
        return Step(id, db, scope, time, (c, _, by, now) => c.AddNote(note, by, now), cancellationToken);
    }

    public static Task<Ok<ComplaintResponse>> Pause(
        Guid id, ComplaintNoteCommand command, ReceptionDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var reason = Note(command);
        return Step(id, db, scope, time, (c, estate, by, now) => c.Pause(reason, estate.Calendar(), by, now), cancellationToken);
    }

    public static Task<Ok<ComplaintResponse>> Resume(
        Guid id, ReceptionDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken) =>
        Step(id, db, scope, time, (c, estate, by, now) => c.Resume(estate.Calendar(), by, now), cancellationToken);

    public static Task<Ok<ComplaintResponse>> Resolve(
        Guid id, ComplaintNoteCommand command, ReceptionDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var resolution = Note(command);
        return Step(id, db, scope, time, (c, _, by, now) => c.Resolve(resolution, by, now), cancellationToken);
    }

    public static Task<Ok<ComplaintResponse>> InformResident(
        Guid id, ComplaintNoteCommand command, ReceptionDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var note = Note(command);
        return Step(id, db, scope, time, (c, _, by, now) => c.InformResident(note, by, now), cancellationToken);
    }

    /// <summary>
    /// The resident's satisfaction (1–5) closes the complaint, and completes the request it was recorded as; owners may
    /// give it themselves for their own units.
    /// </summary>
    public static Task<Ok<ComplaintResponse>> RecordSatisfaction(
        Guid id, ComplaintSatisfactionCommand command, ReceptionDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        if (command.Score is not (>= 1 and <= 5))
        {
            errors.Add("score", "Required: 1 (very dissatisfied) to 5 (very satisfied).");
        }

        var comment = command.Comment is null ? null : errors.Text(command.Comment, "comment", maxLength: 2000);
        errors.ThrowIfAny();
        return Step(id, db, scope, time, async (c, _, by, now) =>
        {
            c.RecordSatisfaction(command.Score!.Value, comment, by, now);
            if (await db.Requests.SingleOrDefaultAsync(r => r.Id == c.RequestId, cancellationToken) is { } request)
            {
                request.CompleteWithComplaint(c.ResolutionText ?? "", now);
                // A closed complaint feeds the callbacks like any other request done (the sample of other requests).
                await CallbackPlanner.PlanAsync(db, request, now, cancellationToken);
            }
        }, cancellationToken);
    }

    public static async Task<Ok<ComplaintResponse>> GetComplaint(
        Guid id, ReceptionDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var complaint = await db.Complaints.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new NotFoundException("Complaint", id);
        return TypedResults.Ok(ToResponse(complaint, time.GetUtcNow(), scope));
    }

    /// <summary>
    /// An estate's complaints (an owner's own), newest first, keyset-paged; optionally by status. With
    /// <c>order=deadline</c> only those still to be resolved (recorded, classified, assigned), soonest deadline first: the
    /// desk's working list.
    /// </summary>
    public static async Task<Ok<Page<ComplaintResponse>>> ListComplaints(
        ReceptionDbContext db, EstateScope scope, TimeProvider time, Guid? estateId, string? status, string? order, string? cursor, int? limit,
        CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        ComplaintStatus? statusFilter = status is null ? null : errors.Enum<ComplaintStatus>(status, "status");
        if (order is not (null or "deadline" or "newest"))
        {
            errors.Add("order", "Either 'newest' (the default) or 'deadline'.");
        }

        errors.ThrowIfAny();
        var query = db.Complaints.AsNoTracking();
        if (estateId is not null)
        {
            query = query.Where(c => c.EstateId == estateId);
        }

        if (statusFilter is not null)
        {
            query = query.Where(c => c.Status == statusFilter);
        }

        var now = time.GetUtcNow();
        if (order == "deadline")
        {
            query = query.Where(c => UnresolvedStatuses.Contains(c.Status));
            return TypedResults.Ok(await query.ToSoonestFirstKeysetPageAsync(
                c => c.DeadlineAt, c => c.Id, cursor, limit, c => ToResponse(c, now, scope), cancellationToken));
        }

        var page = await query.ToKeysetPageAsync(c => c.RecordedAt, c => c.Id, cursor, limit, c => ToResponse(c, now, scope), cancellationToken);
        return TypedResults.Ok(page);
    }

    /// <summary>Complaints whose deadline still runs: once resolved, what is left (telling the resident, satisfaction) has none.</summary>
    private static readonly ComplaintStatus[] UnresolvedStatuses = [ComplaintStatus.Recorded, ComplaintStatus.Classified, ComplaintStatus.Assigned];

    private static async Task<Ok<ComplaintResponse>> Step(
        Guid id, ReceptionDbContext db, EstateScope scope, TimeProvider time, Func<Complaint, Estate, Actor, DateTimeOffset, Task> step,
        CancellationToken cancellationToken)
    {
        var complaint = await db.Complaints.SingleOrDefaultAsync(c => c.Id == id, cancellationToken) ?? throw new NotFoundException("Complaint", id);
        scope.EnsureCanWrite(complaint.EstateId, complaint.UnitId);
        var estate = await db.Estates.AsNoTracking().SingleAsync(e => e.Id == complaint.EstateId, cancellationToken);
        var now = time.GetUtcNow();
        await step(complaint, estate, new Actor(scope.Account(), scope.DisplayName()), now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(complaint, now, scope));
    }

    private static Task<Ok<ComplaintResponse>> Step(
        Guid id, ReceptionDbContext db, EstateScope scope, TimeProvider time, Action<Complaint, Estate, Actor, DateTimeOffset> step,
        CancellationToken cancellationToken) =>
        Step(id, db, scope, time, (c, e, by, now) =>
        {
            step(c, e, by, now);
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>Assigning the complaint routes the request it was recorded as (the 5-minute rule).</summary>
    private static async Task RouteRequestAsync(ReceptionDbContext db, Complaint complaint, Department department, string person, DateTimeOffset now)
    {
        var request = await db.Requests.SingleAsync(r => r.Id == complaint.RequestId);
        if (request.Status == RequestStatus.Received)
        {
            request.RouteTo(department, person, now);
        }
    }

    private static string Note(ComplaintNoteCommand command)
    {
        var errors = new InputErrors();
        var note = errors.Text(command.Note, "note", maxLength: 4000);
        errors.ThrowIfAny();
        return note;
    }

    private static ComplaintResponse ToResponse(Complaint c, DateTimeOffset now, EstateScope scope) => new(
        c.Id, c.EstateId, c.UnitId, c.RequestId, c.ComplainantName,
        ReceptionRoles.ShownPhone(scope, c.ComplainantPhone), c.Description, c.Status, c.RecordedAt,
        c.Kind, c.Category, c.Department, c.ResponsiblePerson, c.Resolution?.DueAt, c.Resolution?.PausedAt is not null, c.Breached(now),
        c.ResolutionText, c.ResolvedAt, c.InformedAt, c.SatisfactionScore, c.ClosedAt, c.Steps,
        c.DeadlineAt, c.Resolution?.RemainingWhenPaused, c.Resolution?.EscalationLevel ?? 0);
}
