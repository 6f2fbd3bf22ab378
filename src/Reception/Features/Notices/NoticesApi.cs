using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.Reception.Features.Notifications;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Reception.Features.Notices;

/// <summary>
/// A notice to an estate (no target), a building (<c>buildingId</c>) or a unit (<c>unitId</c>). It shows from
/// <c>publishAt</c> (default now; later to schedule it) until the optional <c>expiresAt</c>.
/// </summary>
public sealed record PublishNoticeCommand(
    Guid? EstateId,
    string? Audience,
    Guid? BuildingId,
    Guid? UnitId,
    string? Title,
    string? Body,
    DateTimeOffset? PublishAt = null,
    DateTimeOffset? ExpiresAt = null);

public sealed record NoticeResponse(
    Guid Id,
    Guid EstateId,
    NoticeAudience Audience,
    Guid? BuildingId,
    Guid? UnitId,
    string Title,
    string Body,
    DateTimeOffset PublishAt,
    DateTimeOffset? ExpiresAt,
    bool Showing);

/// <summary>
/// Notices and announcements. The desk (clerks, customer-service supervisors, the estate manager) publishes them; the
/// estate's staff list them per estate; owners read only what is showing and reaches their units: the notices of
/// their estate, of their building and of their unit.
/// </summary>
public static class NoticesApi
{
    /// <summary>A notice may be dated back a little (the paper one went up this morning), not into the past at large.</summary>
    public static readonly TimeSpan Backdating = TimeSpan.FromHours(24);

    public static RouteGroupBuilder MapNoticesApi(this RouteGroupBuilder api)
    {
        var notices = api.MapGroup("/notices").WithTags("Notices");
        notices.MapPost("/", PublishNotice).RequireRoles(ReceptionRoles.Desk);
        notices.MapGet("/", ListNotices).RequireRoles([.. PlatformRoles.Staff]);
        notices.MapGet("/mine", ListMyNotices).RequireRoles(PlatformRoles.Owner);
        notices.MapGet("/{id:guid}", GetNotice).RequireRoles([.. PlatformRoles.Staff, PlatformRoles.Owner]);
        return api;
    }

    public static async Task<Created<NoticeResponse>> PublishNotice(
        PublishNoticeCommand command, ReceptionDbContext db, EstateScope scope, TimeProvider time, CorrelationContext correlation,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var errors = new InputErrors();
        var estateId = errors.Id(command.EstateId, "estateId");
        var audience = errors.Enum<NoticeAudience>(command.Audience, "audience");
        var title = errors.Text(command.Title, "title", maxLength: 200);
        var body = errors.Text(command.Body, "body", maxLength: 8000);
        if ((audience == NoticeAudience.Building) != (command.BuildingId is not null) || command.BuildingId == Guid.Empty)
        {
            errors.Add("buildingId", "Required for a building's notice, and only there.");
        }

        if ((audience == NoticeAudience.Unit) != (command.UnitId is not null) || command.UnitId == Guid.Empty)
        {
            errors.Add("unitId", "Required for a unit's notice, and only there.");
        }

        // Stored as UTC instants, whatever offset the caller wrote.
        var publishAt = command.PublishAt?.ToUniversalTime() ?? now;
        var expiresAt = command.ExpiresAt?.ToUniversalTime();
        if (publishAt < now - Backdating)
        {
            errors.Add("publishAt", $"May be dated back at most {Backdating.TotalHours} hours.");
        }

        if (expiresAt is { } expiry && (expiry <= publishAt || expiry <= now))
        {
            errors.Add("expiresAt", "Must be after publishAt, and in the future.");
        }

        errors.ThrowIfAny();
        scope.EnsureCanWrite(estateId);
        if (!await db.Estates.AnyAsync(e => e.Id == estateId, cancellationToken))
        {
            throw new ValidationFailedException("estateId", "No such estate in the registry.");
        }

        if (command.BuildingId is { } buildingId && !await db.Buildings.AnyAsync(b => b.Id == buildingId && b.EstateId == estateId, cancellationToken))
        {
            throw new ValidationFailedException("buildingId", "No such building in this estate.");
        }

        if (command.UnitId is { } unitId && !await db.Units.AnyAsync(u => u.Id == unitId && u.EstateId == estateId, cancellationToken))
        {
            throw new ValidationFailedException("unitId", "No such unit in this estate.");
        }

        var notice = Notice.Publish(estateId, audience, command.BuildingId, command.UnitId, title, body, publishAt, expiresAt, scope.Account(), now);
        db.Notices.Add(notice);
        // The owners it reaches are told when it is published (and not before).
        var units = notice.Audience switch
        {
            NoticeAudience.Estate => null,
            NoticeAudience.Building => await db.Units.Where(u => u.BuildingId == notice.BuildingId).Select(u => u.Id).ToListAsync(cancellationToken),
            _ => [notice.UnitId!.Value],
        };
        await db.RequestForOwnersOfAsync(estateId, units, NotificationTemplates.NoticePublished, new Dictionary<string, string>
        {
            ["title"] = notice.Title,
            ["body"] = notice.Body,
            ["noticeId"] = notice.Id.ToString(),
        }, correlation.CorrelationId, now, cancellationToken, notBefore: notice.PublishAt);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/reception/notices/{notice.Id}", ToResponse(notice, now));
    }

    /// <summary>One estate's notices (scheduled, showing and expired), latest publication first.</summary>
    public static async Task<Ok<Page<NoticeResponse>>> ListNotices(
        ReceptionDbContext db, TimeProvider time, Guid? estateId, bool? showing, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        if (estateId is null || estateId == Guid.Empty)
        {
            throw new ValidationFailedException("estateId", "Required: notices are listed per estate.");
        }

        var now = time.GetUtcNow();
        var query = db.Notices.AsNoTracking().Where(n => n.EstateId == estateId);
        query = showing is true ? query.Where(n => n.PublishAt <= now && (n.ExpiresAt == null || n.ExpiresAt > now)) : query;
        return TypedResults.Ok(await query.ToKeysetPageAsync(n => n.PublishAt, n => n.Id, cursor, limit, n => ToResponse(n, now), cancellationToken));
    }

    /// <summary>The notices showing now that reach the owner's units (estate-wide, their building, their unit), latest first.</summary>
    public static async Task<Ok<Page<NoticeResponse>>> ListMyNotices(
        ReceptionDbContext db, EstateScope scope, TimeProvider time, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var query = await ReachingOwnerAsync(db, scope, now, cancellationToken);
        return TypedResults.Ok(await query.ToKeysetPageAsync(n => n.PublishAt, n => n.Id, cursor, limit, n => ToResponse(n, now), cancellationToken));
    }

    /// <summary>A notice, for staff of its estate; for an owner only if it is showing and reaches one of their units.</summary>
    public static async Task<Ok<NoticeResponse>> GetNotice(Guid id, ReceptionDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var query = scope.IsOwnerOnly ? await ReachingOwnerAsync(db, scope, now, cancellationToken) : db.Notices.AsNoTracking();
        var notice = await query.SingleOrDefaultAsync(n => n.Id == id, cancellationToken) ?? throw new NotFoundException("Notice", id);
        return TypedResults.Ok(ToResponse(notice, now));
    }

    /// <summary>The notices showing at <paramref name="now"/> that reach one of the caller's own units.</summary>
    private static async Task<IQueryable<Notice>> ReachingOwnerAsync(ReceptionDbContext db, EstateScope scope, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var unitIds = scope.UnitIds;
        var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).Select(u => new { u.EstateId, u.BuildingId }).ToListAsync(cancellationToken);
        var estateIds = units.Select(u => u.EstateId).Distinct().ToArray();
        var buildingIds = units.Select(u => u.BuildingId).Distinct().ToArray();
        return db.Notices.AsNoTracking()
            .Where(n => n.PublishAt <= now && (n.ExpiresAt == null || n.ExpiresAt > now))
            .Where(n => (n.Audience == NoticeAudience.Estate && estateIds.Contains(n.EstateId))
                || (n.Audience == NoticeAudience.Building && buildingIds.Contains(n.BuildingId!.Value))
                || (n.Audience == NoticeAudience.Unit && unitIds.Contains(n.UnitId!.Value)));
    }

    private static NoticeResponse ToResponse(Notice n, DateTimeOffset now) =>
        new(n.Id, n.EstateId, n.Audience, n.BuildingId, n.UnitId, n.Title, n.Body, n.PublishAt, n.ExpiresAt, n.IsShowing(now));
}
