using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Reception.Features.Notifications;

public sealed record OwnerNotificationResponse(
    Guid Id, Guid EstateId, Guid UnitId, NotificationKind Kind, Guid AboutId, string Text, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt);

/// <summary>What the app shows an owner about their units (a parcel waiting, the desk's answer to a message).</summary>
public static class OwnerNotificationsApi
{
    public static RouteGroupBuilder MapOwnerNotificationsApi(this RouteGroupBuilder api)
    {
        var notifications = api.MapGroup("/notifications").WithTags("Owner notifications").RequireRoles(PlatformRoles.Owner);
        notifications.MapGet("/", ListNotifications);
        notifications.MapPost("/{id:guid}/read", MarkRead);
        return api;
    }

    /// <summary>The notifications of the owner's units, newest first; optionally one unit's, or only the unread.</summary>
    public static async Task<Ok<Page<OwnerNotificationResponse>>> ListNotifications(
        ReceptionDbContext db, Guid? unitId, bool? unread, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var query = db.OwnerNotifications.AsNoTracking();
        query = unitId is null ? query : query.Where(n => n.UnitId == unitId);
        query = unread is true ? query.Where(n => n.ReadAt == null) : query;
        return TypedResults.Ok(await query.ToKeysetPageAsync(n => n.CreatedAt, n => n.Id, cursor, limit, ToResponse, cancellationToken));
    }

    /// <summary>Marks a notification read (again: no change).</summary>
    public static async Task<Ok<OwnerNotificationResponse>> MarkRead(Guid id, ReceptionDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var notification = await db.OwnerNotifications.SingleOrDefaultAsync(n => n.Id == id, cancellationToken)
            ?? throw new NotFoundException("Notification", id);
        notification.MarkRead(time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(notification));
    }

    private static OwnerNotificationResponse ToResponse(OwnerNotification n) =>
        new(n.Id, n.EstateId, n.UnitId!.Value, n.Kind, n.AboutId, n.Text, n.CreatedAt, n.ReadAt);
}
