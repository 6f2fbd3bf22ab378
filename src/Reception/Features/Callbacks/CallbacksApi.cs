using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Contracts.Reception;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Messaging;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Reception.Features.Callbacks;

/// <summary>Scores 1 (very dissatisfied) to 5 (very satisfied).</summary>
public sealed record CompleteCallbackCommand(int? Attitude, int? Quality, int? Speed, string? Shortcomings, string? Suggestions);

public sealed record CallbackResponse(
    Guid Id,
    Guid EstateId,
    Guid RequestId,
    Guid? UnitId,
    Guid? WorkOrderId,
    string? TechnicianName,
    RequestCategory Category,
    CallbackSelection Selection,
    int? SampleDraw,
    CallbackStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset DueAt,
    bool Overdue,
    DateTimeOffset? CalledAt,
    int? Attitude,
    int? Quality,
    int? Speed,
    bool? Satisfied,
    string? Shortcomings,
    string? Suggestions);

/// <summary>Callbacks (回访): the desk's list of calls to make, the call itself, and the monthly rates against the group's targets.</summary>
public static class CallbacksApi
{
    public static RouteGroupBuilder MapCallbacksApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/callbacks").WithTags("Callbacks");
        group.MapGet("/", ListCallbacks).RequireRoles(Readers);
        group.MapGet("/mine", ListMyCallbacks).RequireRoles(PlatformRoles.Owner);
        group.MapGet("/report", CallbackReports.Monthly).RequireRoles(Readers);
        group.MapGet("/{id:guid}", GetCallback).RequireRoles(Readers);
        group.MapPost("/{id:guid}/complete", CompleteCallback).RequireRoles(ReceptionRoles.CallBack);
        group.MapPost("/{id:guid}/answers", AnswerCallback).RequireRoles(PlatformRoles.Owner);
        return group;
    }

    private static readonly string[] Readers = [.. ReceptionRoles.CallBack, PlatformRoles.EstateManager];

    /// <summary>
    /// Records the call. A requester dissatisfied on any score reopens the request (<see cref="RequestReopened"/> tells
    /// maintenance); <see cref="CallbackCompleted"/> carries the scores and the technician either way.
    /// </summary>
    public static Task<Ok<CallbackResponse>> CompleteCallback(
        Guid id, CompleteCallbackCommand command, ReceptionDbContext db, EstateScope scope, TimeProvider time,
        CancellationToken cancellationToken) =>
        RecordAnswersAsync(id, command, db, scope, time, cancellationToken);

    /// <summary>
    /// The owner answers the callback in the app instead of on the phone: the same scores and the same consequences as
    /// <see cref="CompleteCallback"/>, for a callback about one of their own units only.
    /// </summary>
    public static Task<Ok<CallbackResponse>> AnswerCallback(
        Guid id, CompleteCallbackCommand command, ReceptionDbContext db, EstateScope scope, TimeProvider time,
        CancellationToken cancellationToken) =>
        RecordAnswersAsync(id, command, db, scope, time, cancellationToken);

    private static async Task<Ok<CallbackResponse>> RecordAnswersAsync(
        Guid id, CompleteCallbackCommand command, ReceptionDbContext db, EstateScope scope, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var attitude = Score(errors, command.Attitude, "attitude");
        var quality = Score(errors, command.Quality, "quality");
        var speed = Score(errors, command.Speed, "speed");
        var shortcomings = command.Shortcomings is null ? null : errors.Text(command.Shortcomings, "shortcomings", maxLength: 2000);
        var suggestions = command.Suggestions is null ? null : errors.Text(command.Suggestions, "suggestions", maxLength: 2000);
        errors.ThrowIfAny();

        var callback = await db.Callbacks.SingleOrDefaultAsync(c => c.Id == id, cancellationToken) ?? throw new NotFoundException("Callback", id);
        scope.EnsureCanWrite(callback.EstateId, callback.UnitId);
        var request = await db.Requests.SingleAsync(r => r.Id == callback.RequestId, cancellationToken);
        var now = time.GetUtcNow();
        var satisfied = callback.Complete(attitude, quality, speed, shortcomings, suggestions, scope.Subject ?? "", now);
        if (!satisfied)
        {
            request.Reopen();
            db.AddIntegrationEvent(new RequestReopened(
                Guid.CreateVersion7(now), now, request.EstateId, request.CorrelationId, request.Id, request.WorkOrderId,
                $"Dissatisfied at the callback (attitude {attitude}, quality {quality}, speed {speed}). {shortcomings}".Trim()));
        }

        db.AddIntegrationEvent(new CallbackCompleted(
            Guid.CreateVersion7(now), now, callback.EstateId, callback.CorrelationId, callback.Id, callback.RequestId, callback.WorkOrderId,
            callback.TechnicianId, callback.TechnicianName, attitude, quality, speed, satisfied, callback.WithinDeadline));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(callback, now));
    }

    public static async Task<Ok<CallbackResponse>> GetCallback(Guid id, ReceptionDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var callback = await db.Callbacks.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new NotFoundException("Callback", id);
        return TypedResults.Ok(ToResponse(callback, time.GetUtcNow()));
    }

    /// <summary>
    /// The callbacks of the caller's estates, newest first, keyset-paged: by status, or only the overdue ones
    /// (still pending past their 24 hours).
    /// </summary>
    public static async Task<Ok<Page<CallbackResponse>>> ListCallbacks(
        ReceptionDbContext db, TimeProvider time, Guid? estateId, string? status, bool? overdue, string? cursor, int? limit,
        CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        CallbackStatus? statusFilter = status is null ? null : errors.Enum<CallbackStatus>(status, "status");
        errors.ThrowIfAny();
        var now = time.GetUtcNow();
        var query = db.Callbacks.AsNoTracking();
        if (estateId is not null)
        {
            query = query.Where(c => c.EstateId == estateId);
        }

        if (statusFilter is not null)
        {
            query = query.Where(c => c.Status == statusFilter);
        }

        if (overdue == true)
        {
            query = query.Where(c => c.Status == CallbackStatus.Pending && c.Due.DueAt < now);
        }

        var page = await query.ToKeysetPageAsync(c => c.CreatedAt, c => c.Id, cursor, limit, c => ToResponse(c, now), cancellationToken);
        return TypedResults.Ok(page);
    }

    /// <summary>The callbacks about the owner's own units, newest first, keyset-paged; optionally one request's.</summary>
    public static async Task<Ok<Page<CallbackResponse>>> ListMyCallbacks(
        ReceptionDbContext db, EstateScope scope, TimeProvider time, Guid? requestId, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var units = scope.UnitIds;
        var query = db.Callbacks.AsNoTracking().Where(c => c.UnitId != null && units.Contains(c.UnitId.Value));
        if (requestId is not null)
        {
            query = query.Where(c => c.RequestId == requestId);
        }

        var now = time.GetUtcNow();
        return TypedResults.Ok(await query.ToKeysetPageAsync(c => c.CreatedAt, c => c.Id, cursor, limit, c => ToResponse(c, now), cancellationToken));
    }

    private static int Score(InputErrors errors, int? value, string field)
    {
        if (value is not (>= 1 and <= 5))
        {
            errors.Add(field, "Required: a score from 1 (very dissatisfied) to 5 (very satisfied).");
            return 0;
        }

        return value.Value;
    }

    internal static CallbackResponse ToResponse(Callback c, DateTimeOffset now) => new(
        c.Id, c.EstateId, c.RequestId, c.UnitId, c.WorkOrderId, c.TechnicianName, c.Category, c.Selection, c.SampleDraw, c.Status,
        c.CreatedAt, c.Due.DueAt, c.Status == CallbackStatus.Pending && now > c.Due.DueAt, c.CalledAt,
        c.Attitude, c.Quality, c.Speed, c.Satisfied, c.Shortcomings, c.Suggestions);
}
