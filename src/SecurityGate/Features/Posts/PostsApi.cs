using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.SecurityGate.Data;
using PropertyPlatform.SecurityGate.Domain;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.SecurityGate.Features.Posts;

/// <summary>A post of an estate; <c>certification</c> is hr-training's post certification a guard needs to hold it (e.g. <c>gate</c>).</summary>
public sealed record OpenPostCommand(Guid? EstateId, string? Name, string? Certification);

public sealed record PostResponse(
    Guid Id, Guid EstateId, string Name, string Certification, Guid? GuardId, string? GuardName, DateTimeOffset? GuardSince, bool Uncovered,
    DateTimeOffset? UncoveredSince, string? UncoveredReason);

public sealed record EquipmentCheckInput(string? Item, bool? Ok, string? Note);

/// <summary>
/// The outgoing guard (or a supervisor) hands the post to <c>toGuardId</c>: the equipment is checked item by item, open
/// items of the last handover are carried over unless named in <c>closedItemIds</c>, and <c>newItems</c> are added.
/// </summary>
public sealed record HandoverCommand(Guid? ToGuardId, EquipmentCheckInput[]? Equipment, Guid[]? ClosedItemIds, string[]? NewItems, string? Notes);

public sealed record HandoverResponse(
    Guid Id, Guid EstateId, Guid PostId, Guid? FromGuardId, Guid ToGuardId, string ToGuardName, DateTimeOffset HandedOverAt, string? Notes,
    IReadOnlyList<HandoverItem> OpenItems, IReadOnlyList<HandoverItem> ClosedItems, IReadOnlyList<EquipmentCheck> Equipment);

public static class PostsApi
{
    public static RouteGroupBuilder MapPostsApi(this RouteGroupBuilder api)
    {
        var posts = api.MapGroup("/posts").WithTags("Posts and handover");
        posts.MapPost("/", Open).RequireRoles(SecurityGateRoles.Supervisors);
        posts.MapGet("/", List).RequireRoles(SecurityGateRoles.Readers);
        posts.MapGet("/{postId:guid}", Get).RequireRoles(SecurityGateRoles.Readers);
        posts.MapPost("/{postId:guid}/sign-on", SignOn).RequireRoles(SecurityGateRoles.Gate);
        posts.MapPost("/{postId:guid}/sign-off", SignOff).RequireRoles(SecurityGateRoles.Gate);
        posts.MapPost("/{postId:guid}/handovers", HandOver).RequireRoles(SecurityGateRoles.Gate);
        posts.MapGet("/{postId:guid}/handovers", Handovers).RequireRoles(SecurityGateRoles.Readers);
        return api;
    }

    public static async Task<Created<PostResponse>> Open(OpenPostCommand command, SecurityGateDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estateId = errors.Id(command.EstateId, "estateId");
        var name = errors.Text(command.Name, "name", maxLength: 100);
        var certification = errors.Text(command.Certification, "certification", maxLength: 64);
        errors.ThrowIfAny();
        scope.EnsureCanWrite(estateId);
        var post = GuardPost.Open(estateId, name, certification, time.GetUtcNow());
        db.Posts.Add(post);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/security-gate/posts/{post.Id}", ToResponse(post));
    }

    public static async Task<Ok<PostResponse[]>> List(SecurityGateDbContext db, Guid? estateId, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estate = errors.Id(estateId, "estateId");
        errors.ThrowIfAny();
        var posts = await db.Posts.AsNoTracking().Where(p => p.EstateId == estate).OrderBy(p => p.Name).ToListAsync(cancellationToken);
        return TypedResults.Ok(posts.Select(ToResponse).ToArray());
    }

    public static async Task<Ok<PostResponse>> Get(Guid postId, SecurityGateDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(ToResponse(await FindAsync(db, postId, tracked: false, cancellationToken)));

    /// <summary>The caller takes the post, if hr-training certified them for it and they hold no other post.</summary>
    public static async Task<Ok<PostResponse>> SignOn(
        Guid postId, SecurityGateDbContext db, EstateScope scope, IEstateCalendars calendars, TimeProvider time, CancellationToken cancellationToken)
    {
        var post = await FindAsync(db, postId, tracked: true, cancellationToken);
        scope.EnsureCanWrite(post.EstateId);
        var guardId = StaffIdOf(scope);
        var now = time.GetUtcNow();
        var (refusal, name) = await PostStaffing.CheckAsync(db, calendars, post, guardId, now, cancellationToken);
        if (refusal is not null)
        {
            throw new ForbiddenException(refusal);
        }

        if (post.GuardId is { } holder && holder != guardId)
        {
            throw new ConflictException("Another guard holds the post: they hand it over or sign off first.");
        }

        if (await db.Posts.AnyAsync(p => p.GuardId == guardId && p.Id != post.Id, cancellationToken))
        {
            throw new ConflictException("You hold another post: sign off there first.");
        }

        post.SignOn(guardId, scope.Name ?? name, now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(post));
    }

    public static async Task<Ok<PostResponse>> SignOff(Guid postId, SecurityGateDbContext db, EstateScope scope, CancellationToken cancellationToken)
    {
        var post = await FindAsync(db, postId, tracked: true, cancellationToken);
        scope.EnsureCanWrite(post.EstateId);
        EnsureHolderOrSupervisor(post, scope);
        post.SignOff();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(post));
    }

    public static async Task<Created<HandoverResponse>> HandOver(
        Guid postId, HandoverCommand command, SecurityGateDbContext db, EstateScope scope, IEstateCalendars calendars, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var toGuardId = errors.Id(command.ToGuardId, "toGuardId");
        var equipment = new List<EquipmentCheck>();
        if (command.Equipment is not { Length: > 0 and <= 50 })
        {
            errors.Add("equipment", "Required: the post's equipment, checked item by item (1 to 50 items).");
        }
        else
        {
            for (var i = 0; i < command.Equipment.Length; i++)
            {
                var check = command.Equipment[i];
                var item = errors.Text(check.Item, $"equipment[{i}].item", maxLength: 100);
                if (check.Ok is null)
                {
                    errors.Add($"equipment[{i}].ok", "Required: whether the item is in order.");
                }

                equipment.Add(new EquipmentCheck(item, check.Ok ?? false, errors.OptionalText(check.Note, $"equipment[{i}].note", maxLength: 500)));
            }
        }

        var newItems = (command.NewItems ?? []).Select((text, i) => errors.Text(text, $"newItems[{i}]", maxLength: 500)).ToList();
        var notes = errors.OptionalText(command.Notes, "notes", maxLength: 2000);

        // The post and the caller's right to it first (404, 403); then every field, the looked-up ones too, in one 400.
        var post = await FindAsync(db, postId, tracked: true, cancellationToken);
        scope.EnsureCanWrite(post.EstateId);
        EnsureHolderOrSupervisor(post, scope);
        var now = time.GetUtcNow();
        var previous = await db.Handovers.AsNoTracking().Where(h => h.PostId == post.Id).OrderByDescending(h => h.HandedOverAt).ThenByDescending(h => h.Id)
            .FirstOrDefaultAsync(cancellationToken);
        var closed = command.ClosedItemIds ?? [];
        var unknown = closed.Where(id => previous is null || previous.OpenItems.All(i => i.Id != id)).ToList();
        if (unknown.Count > 0)
        {
            errors.Add("closedItemIds", $"Not open at this post: {string.Join(", ", unknown)}.");
        }

        var (refusal, name) = toGuardId == Guid.Empty ? (null, "") : await PostStaffing.CheckAsync(db, calendars, post, toGuardId, now, cancellationToken);
        if (refusal is not null)
        {
            errors.Add("toGuardId", refusal);
        }

        if (await db.Posts.AnyAsync(p => p.GuardId == toGuardId && p.Id != post.Id, cancellationToken))
        {
            errors.Add("toGuardId", "The incoming guard holds another post.");
        }

        errors.ThrowIfAny();
        var handover = ShiftHandover.Record(post, previous, toGuardId, name, closed, newItems, equipment, notes, now, scope.Subject ?? "");
        db.Handovers.Add(handover);
        post.SignOn(toGuardId, name, now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/security-gate/posts/{post.Id}/handovers", ToResponse(handover));
    }

    /// <summary>The post's handover log, newest first.</summary>
    public static async Task<Ok<Page<HandoverResponse>>> Handovers(
        Guid postId, SecurityGateDbContext db, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var post = await FindAsync(db, postId, tracked: false, cancellationToken);
        return TypedResults.Ok(await db.Handovers.AsNoTracking().Where(h => h.PostId == post.Id)
            .ToKeysetPageAsync(h => h.HandedOverAt, h => h.Id, cursor, limit, ToResponse, cancellationToken));
    }

    /// <summary>The caller's staff id: identity's account id, hr-training's staff id.</summary>
    internal static Guid StaffIdOf(EstateScope scope) =>
        Guid.TryParse(scope.Subject, out var id) ? id : throw new ForbiddenException("Only a staff account hr-training knows can hold a post.");

    private static void EnsureHolderOrSupervisor(GuardPost post, EstateScope scope)
    {
        var isHolder = post.GuardId is { } holder && Guid.TryParse(scope.Subject, out var caller) && caller == holder;
        if (!isHolder && !SecurityGateRoles.Supervisors.Any(scope.IsInRole) && !scope.SeesAllEstates)
        {
            throw new ForbiddenException("Only the guard on the post or a supervisor can hand it over or sign it off.");
        }
    }

    private static async Task<GuardPost> FindAsync(SecurityGateDbContext db, Guid postId, bool tracked, CancellationToken cancellationToken)
    {
        var posts = tracked ? db.Posts : db.Posts.AsNoTracking();
        return await posts.SingleOrDefaultAsync(p => p.Id == postId, cancellationToken) ?? throw new NotFoundException("Post", postId);
    }

    internal static PostResponse ToResponse(GuardPost p) => new(
        p.Id, p.EstateId, p.Name, p.Certification, p.GuardId, p.GuardName, p.GuardSince, p.GuardId is null, p.UncoveredSince, p.UncoveredReason);

    internal static HandoverResponse ToResponse(ShiftHandover h) => new(
        h.Id, h.EstateId, h.PostId, h.FromGuardId, h.ToGuardId, h.ToGuardName, h.HandedOverAt, h.Notes, h.OpenItems, h.ClosedItems, h.Equipment);
}
