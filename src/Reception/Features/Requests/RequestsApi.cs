using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.Reception.Features.Callbacks;
using PropertyPlatform.Reception.Features.Emergencies;
using PropertyPlatform.Reception.Features.Appointments;
using PropertyPlatform.Reception.Features.Attachments;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Reception.Features.Requests;

/// <summary>
/// A new customer request. Urgency defaults to normal; leave the unit out for a common area. <c>attachmentIds</c> names
/// photos the caller uploaded beforehand (POST /api/reception/attachments).
/// </summary>
public sealed record RecordRequestCommand(
    Guid? EstateId,
    Guid? UnitId,
    string? Channel,
    string? Category,
    string? Urgency,
    string? Description,
    string? RequesterName,
    string? RequesterPhone = null,
    IReadOnlyList<Guid>? AttachmentIds = null,
    string? EmergencyKind = null,
    DateTimeOffset? AgreedAppointmentAt = null);

public sealed record RequestResponse(
    Guid Id,
    Guid EstateId,
    Guid? UnitId,
    RequestChannel Channel,
    RequestCategory Category,
    Urgency Urgency,
    string Description,
    string RequesterName,
    string? RequesterPhone,
    RequestStatus Status,
    DateTimeOffset ReceivedAt,
    DateTimeOffset RouteBy,
    DateTimeOffset? RoutedAt,
    Guid? WorkOrderId,
    bool RoutingBreached,
    DateTimeOffset FeedbackDueBy,
    DateTimeOffset? FeedbackGivenAt,
    bool FeedbackBreached,
    Department? RoutedTo,
    string? Assignee,
    string? Resolution,
    DateTimeOffset? CompletedAt,
    DateTimeOffset? ClosedAt,
    string? TechnicianName,
    int ReopenCount,
    DateTimeOffset? AgreedAppointmentAt);

/// <summary>Forwards a request that is not a repair to a department (and optionally a named person there).</summary>
public sealed record RouteRequestCommand(string? Department, string? Assignee);

/// <summary>What was done about a forwarded request.</summary>
/// <summary>How the desk resolved it; <c>paidService</c> when it was a paid service (called back without exception).</summary>
public sealed record ResolveRequestCommand(string? Resolution, bool? PaidService = null);

/// <summary>What the requester was told.</summary>
public sealed record GiveFeedbackCommand(string? Note);

/// <summary>Customer requests: every contact with the front desk, recorded and routed.</summary>
public static class RequestsApi
{
    public static RouteGroupBuilder MapRequestsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/requests").WithTags("Customer requests");
        group.MapPost("/", RecordRequest).RequireRoles(ReceptionRoles.RequestRecorders);
        group.MapGet("/{id:guid}", GetRequest).RequireRoles(ReceptionRoles.RequestReaders);
        group.MapGet("/", ListRequests).RequireRoles(ReceptionRoles.RequestReaders);
        group.MapGet("/analysis", RequestAnalysis.Analyse).RequireRoles(ReceptionRoles.Supervisors);
        group.MapPost("/{id:guid}/feedback", GiveFeedback).RequireRoles(ReceptionRoles.CallBack);
        group.MapPost("/{id:guid}/route", RouteRequest).RequireRoles(ReceptionRoles.Desk);
        group.MapPost("/{id:guid}/resolve", ResolveRequest).RequireRoles(ReceptionRoles.Desk);
        return group;
    }

    /// <summary>Records a request through <see cref="RequestIntake"/> with the photos it names; a repair goes on to maintenance.</summary>
    public static async Task<Created<RequestResponse>> RecordRequest(
        RecordRequestCommand command,
        ReceptionDbContext db,
        EstateScope scope,
        TimeProvider time,
        CorrelationContext correlation,
        CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estateId = errors.Id(command.EstateId, "estateId");
        if (command.UnitId == Guid.Empty)
        {
            errors.Add("unitId", "Leave the unit out for a common area; an empty id is not a unit.");
        }

        var channel = errors.Enum<RequestChannel>(command.Channel, "channel");
        var category = errors.Enum<RequestCategory>(command.Category, "category");
        var urgency = command.Urgency is null ? Urgency.Normal : errors.Enum<Urgency>(command.Urgency, "urgency");
        var description = errors.Text(command.Description, "description", maxLength: 4000, minLength: 3);
        var requesterName = errors.Text(command.RequesterName, "requesterName", maxLength: 200);
        var requesterPhone = command.RequesterPhone is null ? null : errors.Phone(command.RequesterPhone, "requesterPhone");
        if (scope.IsOwnerOnly && command.Channel is not null && channel != RequestChannel.App)
        {
            errors.Add("channel", "Owners report through the app: the channel must be 'app'.");
        }

        var attachmentIds = AttachmentClaims.Ids(errors, command.AttachmentIds);
        EmergencyKind? emergencyKind = command.EmergencyKind is null ? null : errors.Enum<EmergencyKind>(command.EmergencyKind, "emergencyKind");
        var saysEmergency = string.Equals(command.Urgency, nameof(Urgency.Emergency), StringComparison.OrdinalIgnoreCase);
        if (emergencyKind is not null && command.Urgency is null)
        {
            urgency = Urgency.Emergency;
        }
        else if (command.EmergencyKind is not null && command.Urgency is not null && !saysEmergency)
        {
            errors.Add("urgency", "An emergency (emergencyKind given) has urgency 'emergency'.");
        }
        else if (saysEmergency && command.EmergencyKind is null)
        {
            errors.Add("emergencyKind", $"Say what the emergency is: {string.Join(", ", Enum.GetNames<EmergencyKind>())}.");
        }

        var now = time.GetUtcNow();
        var agreedAppointmentAt = command.AgreedAppointmentAt?.ToUniversalTime();
        if (agreedAppointmentAt is { } agreed && (category != RequestCategory.Repair || agreed < now || agreed > now + AppointmentRules.LatestAhead))
        {
            errors.Add("agreedAppointmentAt", $"Only a repair has a visit time, in the future and at most {AppointmentRules.LatestAhead.TotalDays} days ahead.");
        }

        errors.ThrowIfAny();
        scope.EnsureCanWrite(estateId, command.UnitId);
        // The estate and the unit in one round trip: each statement outside the intake's transaction is a commit of its own.
        var unitId = command.UnitId;
        var registered = await db.Estates.AsNoTracking()
            .Where(e => e.Id == estateId)
            .Select(e => new { Estate = e, UnitInEstate = unitId == null || db.Units.Any(u => u.Id == unitId && u.EstateId == estateId) })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new ValidationFailedException("estateId", "No such estate in the registry.");
        if (!registered.UnitInEstate)
        {
            throw new ValidationFailedException("unitId", "No such unit in this estate.");
        }

        var estate = registered.Estate;

        var submittedBy = scope.Subject ?? "";
        var photos = await AttachmentClaims.ClaimableAsync(db, attachmentIds, estateId, submittedBy, now, cancellationToken);
        var request = RequestIntake.Open(
            db, estate, new NewRequest(command.UnitId, channel, category, urgency, description, requesterName, requesterPhone, agreedAppointmentAt),
            submittedBy, now, correlation.CorrelationId, photos, scope.Name);
        await EmergencyPlan.RaiseIfEmergencyAsync(db, estate, request, emergencyKind, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/reception/requests/{request.Id}", ToResponse(request, now, scope));
    }

    /// <summary>Records the feedback given to the requester, which is due the same estate-local day.</summary>
    public static async Task<Ok<RequestResponse>> GiveFeedback(
        Guid id, GiveFeedbackCommand command, ReceptionDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var note = errors.Text(command.Note, "note", maxLength: 2000);
        errors.ThrowIfAny();
        var request = await db.Requests.SingleOrDefaultAsync(r => r.Id == id, cancellationToken) ?? throw new NotFoundException("Request", id);
        var now = time.GetUtcNow();
        if (!request.GiveFeedback(note, now))
        {
            throw new ConflictException("Feedback was already given for this request.");
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(request, now, scope));
    }

    /// <summary>Forwards a request that is not a repair within the 5-minute routing rule; repairs are routed by their work order.</summary>
    public static async Task<Ok<RequestResponse>> RouteRequest(
        Guid id, RouteRequestCommand command, ReceptionDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var department = errors.Enum<Department>(command.Department, "department");
        var assignee = command.Assignee is null ? null : errors.Text(command.Assignee, "assignee", maxLength: 200);
        errors.ThrowIfAny();
        var request = await db.Requests.SingleOrDefaultAsync(r => r.Id == id, cancellationToken) ?? throw new NotFoundException("Request", id);
        scope.EnsureCanWrite(request.EstateId);
        var now = time.GetUtcNow();
        request.RouteTo(department, assignee, now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(request, now, scope));
    }

    /// <summary>Records the resolution of a forwarded request; a sample of them (and every paid service) gets a callback.</summary>
    public static async Task<Ok<RequestResponse>> ResolveRequest(
        Guid id, ResolveRequestCommand command, ReceptionDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var resolution = errors.Text(command.Resolution, "resolution", maxLength: 4000);
        errors.ThrowIfAny();
        var request = await db.Requests.SingleOrDefaultAsync(r => r.Id == id, cancellationToken) ?? throw new NotFoundException("Request", id);
        scope.EnsureCanWrite(request.EstateId);
        var now = time.GetUtcNow();
        request.Resolve(resolution, now, command.PaidService ?? false);
        await CallbackPlanner.PlanAsync(db, request, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(request, now, scope));
    }

    public static async Task<Ok<RequestResponse>> GetRequest(
        Guid id, ReceptionDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var request = await db.Requests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken)
            ?? throw new NotFoundException("Request", id);
        return TypedResults.Ok(ToResponse(request, time.GetUtcNow(), scope));
    }

    /// <summary>
    /// The requests the caller may see (their estates; an owner's own units), newest first, keyset-paged; optionally
    /// one estate's, or only those with a status. Phone numbers as <see cref="ReceptionRoles.ShownPhone"/> shows them.
    /// </summary>
    public static async Task<Ok<Page<RequestResponse>>> ListRequests(
        ReceptionDbContext db,
        EstateScope scope,
        TimeProvider time,
        Guid? estateId,
        string? status,
        string? cursor,
        int? limit,
        CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        RequestStatus? statusFilter = status is null ? null : errors.Enum<RequestStatus>(status, "status");
        errors.ThrowIfAny();
        var query = db.Requests.AsNoTracking();
        if (estateId is not null)
        {
            query = query.Where(r => r.EstateId == estateId);
        }

        if (statusFilter is not null)
        {
            query = query.Where(r => r.Status == statusFilter);
        }

        var now = time.GetUtcNow();
        var page = await query.ToKeysetPageAsync(r => r.ReceivedAt, r => r.Id, cursor, limit, r => ToResponse(r, now, scope), cancellationToken);
        return TypedResults.Ok(page);
    }

    private static RequestResponse ToResponse(CustomerRequest r, DateTimeOffset now, EstateScope scope) => new(
        r.Id, r.EstateId, r.UnitId, r.Channel, r.Category, r.Urgency, r.Description, r.RequesterName,
        ReceptionRoles.ShownPhone(scope, r.RequesterPhone), r.Status,
        r.ReceivedAt, r.Routing.DueAt, r.Routing.CompletedAt, r.WorkOrderId, r.RoutingBreached(now),
        r.Feedback.DueAt, r.Feedback.CompletedAt, r.FeedbackBreached(now),
        r.RoutedTo, r.Assignee, r.Resolution, r.CompletedAt, r.ClosedAt, r.TechnicianName, r.ReopenCount, r.AgreedAppointmentAt);
}
