using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.SecurityGate.Data;
using PropertyPlatform.SecurityGate.Domain;
using PropertyPlatform.SecurityGate.Features.Posts;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.SecurityGate.Features.ExitPermits;

/// <summary>Large items leaving from <c>unitId</c> on <c>plannedOn</c> (estate-local <c>yyyy-MM-dd</c>), carried by <c>carriedBy</c>.</summary>
public sealed record RequestExitPermitCommand(Guid? EstateId, Guid? UnitId, string? Items, string? CarriedBy, string? PlannedOn);

public sealed record RejectExitPermitCommand(string? Reason);

public sealed record ExitPermitResponse(
    Guid Id, Guid EstateId, Guid UnitId, string Items, string CarriedBy, DateOnly PlannedOn, string Status, DateTimeOffset RequestedAt, DateTimeOffset? DecidedAt,
    string? RejectionReason, DateTimeOffset? ExitedAt);

/// <summary>The guard's check at the exit: <c>Exited</c>, or <c>Held</c> with the reason (and the hold is recorded).</summary>
public sealed record ExitCheckResponse(string Outcome, string? Reason, ExitPermitResponse Permit, Guid? HeldItemId);

/// <summary>Items stopped at the exit without a permit.</summary>
public sealed record HoldItemsCommand(Guid? EstateId, Guid? UnitId, string? Items, string? CarriedBy, string? Reason);

public sealed record HeldItemResponse(Guid Id, Guid EstateId, Guid? UnitId, string Items, string CarriedBy, string Reason, Guid? PermitId, DateTimeOffset HeldAt);

public static class ExitPermitsApi
{
    public const string NoPermit = "No permit was shown.";

    public static RouteGroupBuilder MapExitPermitsApi(this RouteGroupBuilder api)
    {
        var permits = api.MapGroup("/exit-permits").WithTags("Exit permits");
        permits.MapPost("/", Request).RequireRoles(SecurityGateRoles.PermitDeciders);
        permits.MapGet("/", List).RequireRoles(SecurityGateRoles.PermitReaders);
        permits.MapGet("/{permitId:guid}", Get).RequireRoles(SecurityGateRoles.PermitReaders);
        permits.MapPost("/{permitId:guid}/approve", Approve).RequireRoles(SecurityGateRoles.PermitDeciders);
        permits.MapPost("/{permitId:guid}/reject", Reject).RequireRoles(SecurityGateRoles.PermitDeciders);
        permits.MapPost("/{permitId:guid}/exit", Exit).RequireRoles(SecurityGateRoles.Gate);
        permits.MapPost("/held-items", Hold).RequireRoles(SecurityGateRoles.Gate);
        permits.MapGet("/held-items", ListHeld).RequireRoles(SecurityGateRoles.Readers);
        return api;
    }

    /// <summary>Requests a permit; one asked for by someone who may approve it (the unit's owner, the front desk) is approved at once.</summary>
    public static async Task<Created<ExitPermitResponse>> Request(
        RequestExitPermitCommand command, SecurityGateDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estateId = errors.Id(command.EstateId, "estateId");
        var unitId = errors.Id(command.UnitId, "unitId");
        var items = errors.Text(command.Items, "items", maxLength: 1000);
        var carriedBy = errors.Text(command.CarriedBy, "carriedBy", maxLength: 100);
        var plannedOn = errors.LocalDate(command.PlannedOn, "plannedOn");
        errors.ThrowIfAny();
        scope.EnsureCanWrite(estateId, unitId);
        var now = time.GetUtcNow();
        var by = scope.Subject ?? "";
        var permit = ExitPermit.Request(estateId, unitId, items, carriedBy, plannedOn, by, now);
        if (await MayDecideAsync(db, scope, permit, cancellationToken))
        {
            permit.Decide(approve: true, null, by, now);
        }

        db.ExitPermits.Add(permit);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/security-gate/exit-permits/{permit.Id}", ToResponse(permit));
    }

    public static async Task<Ok<ExitPermitResponse>> Get(Guid permitId, SecurityGateDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(ToResponse(await db.ExitPermits.AsNoTracking().SingleOrDefaultAsync(p => p.Id == permitId, cancellationToken)
            ?? throw new NotFoundException("Exit permit", permitId)));

    public static async Task<Ok<Page<ExitPermitResponse>>> List(
        SecurityGateDbContext db, Guid? estateId, string? status, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var wanted = status is null ? (ExitPermitStatus?)null : errors.Enum<ExitPermitStatus>(status, "status");
        errors.ThrowIfAny();
        var query = db.ExitPermits.AsNoTracking();
        query = estateId is null ? query : query.Where(p => p.EstateId == estateId);
        query = wanted is null ? query : query.Where(p => p.Status == wanted);
        return TypedResults.Ok(await query.ToKeysetPageAsync(p => p.RequestedAt, p => p.Id, cursor, limit, ToResponse, cancellationToken));
    }

    public static Task<Ok<ExitPermitResponse>> Approve(Guid permitId, SecurityGateDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken) =>
        DecideAsync(permitId, approve: true, reason: null, db, scope, time, cancellationToken);

    public static async Task<Ok<ExitPermitResponse>> Reject(
        Guid permitId, RejectExitPermitCommand command, SecurityGateDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var reason = errors.Text(command.Reason, "reason", maxLength: 500);
        errors.ThrowIfAny();
        return await DecideAsync(permitId, approve: false, reason, db, scope, time, cancellationToken);
    }

    /// <summary>The guard checks the permit at the exit: the items leave and that is recorded, or they are held and that is recorded.</summary>
    public static async Task<Ok<ExitCheckResponse>> Exit(
        Guid permitId, SecurityGateDbContext db, EstateScope scope, IEstateCalendars calendars, TimeProvider time, CancellationToken cancellationToken)
    {
        var permit = await db.ExitPermits.SingleOrDefaultAsync(p => p.Id == permitId, cancellationToken) ?? throw new NotFoundException("Exit permit", permitId);
        scope.EnsureCanWrite(permit.EstateId);
        if (permit.Status == ExitPermitStatus.Exited)
        {
            // A second tap (or a retry after a lost answer) on a permit already used: what happened then, and no hold.
            return AlreadyExited(permit);
        }

        var now = time.GetUtcNow();
        var guard = scope.Subject ?? "";
        var refusal = permit.Exit(await PostStaffing.LocalDayAsync(calendars, permit.EstateId, now, cancellationToken), guard, now);
        HeldItem? held = null;
        if (refusal is not null)
        {
            held = HeldItem.Hold(permit.EstateId, permit.UnitId, permit.Items, permit.CarriedBy, refusal, permit.Id, guard, now);
            db.HeldItems.Add(held);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Two taps at once: the other one let the items out.
            db.ChangeTracker.Clear();
            var first = await db.ExitPermits.AsNoTracking().SingleAsync(p => p.Id == permitId, cancellationToken);
            return first.Status == ExitPermitStatus.Exited ? AlreadyExited(first) : throw new ConflictException("The permit changed meanwhile; check it again.");
        }

        return TypedResults.Ok(new ExitCheckResponse(refusal is null ? "Exited" : "Held", refusal, ToResponse(permit), held?.Id));
    }

    private static Ok<ExitCheckResponse> AlreadyExited(ExitPermit permit) => TypedResults.Ok(new ExitCheckResponse(
        "Exited", $"The items left already on this permit, at {permit.ExitedAt:yyyy-MM-dd HH:mm} UTC.", ToResponse(permit), null));

    public static async Task<Created<HeldItemResponse>> Hold(
        HoldItemsCommand command, SecurityGateDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estateId = errors.Id(command.EstateId, "estateId");
        var items = errors.Text(command.Items, "items", maxLength: 1000);
        var carriedBy = errors.Text(command.CarriedBy, "carriedBy", maxLength: 100);
        var reason = errors.OptionalText(command.Reason, "reason", maxLength: 500) ?? NoPermit;
        errors.OptionalId(command.UnitId, "unitId", "when unknown");
        errors.ThrowIfAny();
        scope.EnsureCanWrite(estateId);
        var held = HeldItem.Hold(estateId, command.UnitId, items, carriedBy, reason, null, scope.Subject ?? "", time.GetUtcNow());
        db.HeldItems.Add(held);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/security-gate/exit-permits/held-items/{held.Id}", ToResponse(held));
    }

    public static async Task<Ok<Page<HeldItemResponse>>> ListHeld(SecurityGateDbContext db, Guid? estateId, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var query = db.HeldItems.AsNoTracking();
        query = estateId is null ? query : query.Where(h => h.EstateId == estateId);
        return TypedResults.Ok(await query.ToKeysetPageAsync(h => h.HeldAt, h => h.Id, cursor, limit, ToResponse, cancellationToken));
    }

    private static async Task<Ok<ExitPermitResponse>> DecideAsync(
        Guid permitId, bool approve, string? reason, SecurityGateDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var permit = await db.ExitPermits.SingleOrDefaultAsync(p => p.Id == permitId, cancellationToken) ?? throw new NotFoundException("Exit permit", permitId);
        scope.EnsureCanWrite(permit.EstateId, permit.UnitId);
        if (!await MayDecideAsync(db, scope, permit, cancellationToken))
        {
            throw new ForbiddenException("Only the unit's owner or the front desk can decide on the permit.");
        }

        if (!permit.Decide(approve, reason, scope.Subject ?? "", time.GetUtcNow()))
        {
            throw new ConflictException($"The permit is {permit.Status.ToString().ToLowerInvariant()} already.");
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(permit));
    }

    /// <summary>The front desk decides for any unit of its estates; an owner for a unit reception lists them as owning (not one they only rent).</summary>
    private static async Task<bool> MayDecideAsync(SecurityGateDbContext db, EstateScope scope, ExitPermit permit, CancellationToken cancellationToken) =>
        SecurityGateRoles.FrontDesk.Any(scope.IsInRole) || scope.SeesAllEstates
        || scope.OwnerId is { } ownerId && await db.UnitOwners.AnyAsync(o => o.UnitId == permit.UnitId && o.OwnerId == ownerId, cancellationToken);

    private static ExitPermitResponse ToResponse(ExitPermit p) => new(
        p.Id, p.EstateId, p.UnitId!.Value, p.Items, p.CarriedBy, p.PlannedOn, p.Status.ToString(), p.RequestedAt, p.DecidedAt, p.RejectionReason, p.ExitedAt);

    private static HeldItemResponse ToResponse(HeldItem h) => new(h.Id, h.EstateId, h.UnitId, h.Items, h.CarriedBy, h.Reason, h.PermitId, h.HeldAt);
}
