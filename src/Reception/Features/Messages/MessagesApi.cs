using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.Reception.Features.Notifications;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Reception.Features.Messages;

/// <summary>An owner's message to the front desk about one of their units.</summary>
public sealed record WriteMessageCommand(Guid? EstateId, Guid? UnitId, string? Subject, string? Body);

/// <summary>A post in a thread: the desk's answer, or the owner writing again.</summary>
public sealed record ReplyCommand(string? Body);

public sealed record MessageResponse(
    Guid Id,
    Guid EstateId,
    Guid UnitId,
    string Subject,
    string Body,
    string WriterName,
    DateTimeOffset WrittenAt,
    bool AwaitingReply,
    DateTimeOffset? FirstAnsweredAt,
    DateTimeOffset LastPostAt,
    int ReplyCount,
    DateTimeOffset? AnswerDueAt,
    bool AnswerBreached);

public sealed record ReplyResponse(Guid Id, Guid MessageId, MessageAuthor From, string Body, string AuthorName, DateTimeOffset PostedAt);

/// <summary>
/// Owners' messages to the front desk: an owner writes (through the app) about one of their units, the desk replies,
/// and the thread goes on. Owners see only the threads they started; the desk lists what still waits for an answer.
/// A desk answer leaves the owner a notification.
/// </summary>
public static class MessagesApi
{
    private static readonly string[] DeskAndOwners = [.. ReceptionRoles.Desk, PlatformRoles.Owner];

    public static RouteGroupBuilder MapMessagesApi(this RouteGroupBuilder api)
    {
        var messages = api.MapGroup("/messages").WithTags("Owner messages");
        messages.MapPost("/", WriteMessage).RequireRoles(PlatformRoles.Owner);
        messages.MapGet("/", ListMessages).RequireRoles(DeskAndOwners);
        messages.MapGet("/unanswered", ListUnanswered).RequireRoles(ReceptionRoles.Desk);
        messages.MapGet("/{id:guid}", GetMessage).RequireRoles(DeskAndOwners);
        messages.MapPost("/{id:guid}/replies", Reply).RequireRoles(DeskAndOwners);
        messages.MapGet("/{id:guid}/replies", ListReplies).RequireRoles(DeskAndOwners);
        return api;
    }

    public static async Task<Created<MessageResponse>> WriteMessage(
        WriteMessageCommand command, ReceptionDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estateId = errors.Id(command.EstateId, "estateId");
        var unitId = errors.Id(command.UnitId, "unitId");
        var subject = errors.Text(command.Subject, "subject", maxLength: 200);
        var body = errors.Text(command.Body, "body", maxLength: 4000);
        errors.ThrowIfAny();
        scope.EnsureCanWrite(estateId, unitId);
        if (!await db.Units.AnyAsync(u => u.Id == unitId && u.EstateId == estateId, cancellationToken))
        {
            throw new ValidationFailedException("unitId", "No such unit in this estate.");
        }

        var estate = await db.Estates.AsNoTracking().SingleAsync(e => e.Id == estateId, cancellationToken);
        var message = OwnerMessage.Write(estateId, unitId, subject, body, scope.Account(), scope.DisplayName(), estate.OnlineServiceCalendar(), time.GetUtcNow());
        db.OwnerMessages.Add(message);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/reception/messages/{message.Id}", ToResponse(message));
    }

    /// <summary>The threads the caller may see (the desk: their estates'; an owner: their own), newest first.</summary>
    public static async Task<Ok<Page<MessageResponse>>> ListMessages(
        ReceptionDbContext db, EstateScope scope, Guid? estateId, Guid? unitId, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var query = Visible(db, scope);
        query = estateId is null ? query : query.Where(m => m.EstateId == estateId);
        query = unitId is null ? query : query.Where(m => m.UnitId == unitId);
        return TypedResults.Ok(await query.ToKeysetPageAsync(m => m.WrittenAt, m => m.Id, cursor, limit, ToResponse, cancellationToken));
    }

    /// <summary>The threads whose owner spoke last: the desk owes them an answer. Newest first.</summary>
    public static async Task<Ok<Page<MessageResponse>>> ListUnanswered(
        ReceptionDbContext db, Guid? estateId, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var query = db.OwnerMessages.AsNoTracking().Where(m => m.AwaitingReply);
        query = estateId is null ? query : query.Where(m => m.EstateId == estateId);
        return TypedResults.Ok(await query.ToKeysetPageAsync(m => m.WrittenAt, m => m.Id, cursor, limit, ToResponse, cancellationToken));
    }

    public static async Task<Ok<MessageResponse>> GetMessage(Guid id, ReceptionDbContext db, EstateScope scope, CancellationToken cancellationToken) =>
        TypedResults.Ok(ToResponse(await Visible(db, scope).SingleOrDefaultAsync(m => m.Id == id, cancellationToken)
            ?? throw new NotFoundException("Message", id)));

    /// <summary>The desk answers (the owner is notified), or the owner writes again in their own thread.</summary>
    public static async Task<Created<ReplyResponse>> Reply(
        Guid id, ReplyCommand command, ReceptionDbContext db, EstateScope scope, TimeProvider time, CorrelationContext correlation,
        CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var body = errors.Text(command.Body, "body", maxLength: 4000);
        errors.ThrowIfAny();
        var message = await Visible(db, scope).AsTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken)
            ?? throw new NotFoundException("Message", id);
        scope.EnsureCanWrite(message.EstateId, message.UnitId);
        var now = time.GetUtcNow();
        MessageReply reply;
        if (scope.IsOwnerOnly)
        {
            var estate = await db.Estates.AsNoTracking().SingleAsync(e => e.Id == message.EstateId, cancellationToken);
            reply = message.FollowUp(body, scope.Account(), scope.DisplayName(), estate.OnlineServiceCalendar(), now);
        }
        else
        {
            reply = message.Answer(body, scope.Account(), scope.DisplayName(), now);
            await db.RequestForOwnersOfAsync(message.EstateId, [message.UnitId!.Value], NotificationTemplates.MessageAnswered, new Dictionary<string, string>
            {
                ["subject"] = message.Subject,
                ["messageId"] = message.Id.ToString(),
            }, correlation.CorrelationId, now, cancellationToken);
        }

        db.MessageReplies.Add(reply);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/reception/messages/{message.Id}/replies", ToResponse(reply));
    }

    /// <summary>A thread's replies, newest first.</summary>
    public static async Task<Ok<Page<ReplyResponse>>> ListReplies(
        Guid id, ReceptionDbContext db, EstateScope scope, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        if (!await Visible(db, scope).AnyAsync(m => m.Id == id, cancellationToken))
        {
            throw new NotFoundException("Message", id);
        }

        return TypedResults.Ok(await db.MessageReplies.AsNoTracking().Where(r => r.MessageId == id)
            .ToKeysetPageAsync(r => r.PostedAt, r => r.Id, cursor, limit, ToResponse, cancellationToken));
    }

    /// <summary>
    /// The threads the caller may see: the estate scope already limits owners to their units; an owner sees, of those,
    /// only the threads they started (a co-owner's messages are theirs).
    /// </summary>
    private static IQueryable<OwnerMessage> Visible(ReceptionDbContext db, EstateScope scope)
    {
        var query = db.OwnerMessages.AsNoTracking();
        var account = scope.Account();
        return scope.IsOwnerOnly ? query.Where(m => m.WrittenBy == account) : query;
    }

    private static MessageResponse ToResponse(OwnerMessage m) => new(
        m.Id, m.EstateId, m.UnitId!.Value, m.Subject, m.Body, m.WriterName, m.WrittenAt, m.AwaitingReply, m.FirstAnsweredAt, m.LastPostAt, m.ReplyCount,
        m.Answering?.DueAt, m.Answering is { } clock && (clock.BreachedAt is not null || clock.CompletedAt > clock.DueAt));

    private static ReplyResponse ToResponse(MessageReply r) => new(r.Id, r.MessageId, r.From, r.Body, r.AuthorName, r.PostedAt);
}
