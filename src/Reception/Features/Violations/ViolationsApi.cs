using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;
using PropertyPlatform.ServiceDefaults.Sla;

namespace PropertyPlatform.Reception.Features.Violations;

/// <summary>The responsible party must put the violation right by <c>rectifyBy</c> (estate-local date, today or later).</summary>
public sealed record RequireRectificationCommand(string? RectifyBy, string? Note);

/// <summary>An on-site check after the notice: fixed or not, what was seen; <c>checkedAt</c> defaults to now.</summary>
public sealed record CheckViolationCommand(bool? Fixed, string? Note, DateTimeOffset? CheckedAt);

public sealed record ViolationFollowUpResponse(ViolationStep Step, DateTimeOffset At, string By, string Note, DateOnly? RectifyBy);

public sealed record ViolationResponse(
    Guid Id,
    Guid EstateId,
    Guid? UnitId,
    Guid PatrolRecordId,
    ViolationType Type,
    string Description,
    ViolationStatus Status,
    DateTimeOffset FoundAt,
    string FoundBy,
    DateOnly? RectifyBy,
    bool RectificationOverdue,
    bool Serious,
    DateTimeOffset? VerifiedAt,
    string? VerifiedBy,
    IReadOnlyList<ViolationFollowUpResponse> FollowUps);

/// <summary>Violations found on patrols, followed up until a later on-site check verifies them fixed. Nothing is deleted.</summary>
public static class ViolationsApi
{
    public static RouteGroupBuilder MapViolationsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/violations").WithTags("Violations");
        group.MapGet("/{id:guid}", GetViolation).RequireRoles(ReceptionRoles.ButlerWorkReaders);
        group.MapGet("/", ListViolations).RequireRoles(ReceptionRoles.ButlerWorkReaders);
        group.MapPost("/{id:guid}/rectification", RequireRectification).RequireRoles(ReceptionRoles.Desk);
        group.MapPost("/{id:guid}/checks", Check).RequireRoles(ReceptionRoles.Desk);
        return group;
    }

    public static async Task<Ok<ViolationResponse>> RequireRectification(
        Guid id, RequireRectificationCommand command, ReceptionDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var rectifyBy = errors.LocalDate(command.RectifyBy, "rectifyBy");
        var note = errors.Text(command.Note, "note", maxLength: 2000);
        errors.ThrowIfAny();
        var (violation, calendar) = await LoadAsync(db, id, cancellationToken);
        var now = time.GetUtcNow();
        if (rectifyBy < DateOnly.FromDateTime(calendar.ToLocal(now).DateTime))
        {
            throw new ValidationFailedException("rectifyBy", "Cannot be before today (the estate's local date).");
        }

        violation.RequireRectification(rectifyBy, note, scope.Subject ?? "", now, calendar);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(violation, calendar, now));
    }

    /// <summary>Records an on-site check; a fixed violation is closed as verified by the caller.</summary>
    public static async Task<Ok<ViolationResponse>> Check(
        Guid id, CheckViolationCommand command, ReceptionDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var errors = new InputErrors();
        if (command.Fixed is null)
        {
            errors.Add("fixed", "Required: true when the violation was put right, false when it was not.");
        }

        var note = errors.Text(command.Note, "note", maxLength: 2000);
        var checkedAt = errors.HappenedAt(command.CheckedAt, "checkedAt", now);
        errors.ThrowIfAny();
        var (violation, calendar) = await LoadAsync(db, id, cancellationToken);
        violation.Checked(command.Fixed!.Value, note, scope.Subject ?? "", checkedAt);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(violation, calendar, now));
    }

    public static async Task<Ok<ViolationResponse>> GetViolation(Guid id, ReceptionDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var (violation, calendar) = await LoadAsync(db, id, cancellationToken, tracked: false);
        return TypedResults.Ok(ToResponse(violation, calendar, time.GetUtcNow()));
    }

    /// <summary>Violations of the caller's estates, newest first, keyset-paged; by estate or status.</summary>
    public static async Task<Ok<Page<ViolationResponse>>> ListViolations(
        ReceptionDbContext db, TimeProvider time, Guid? estateId, string? status, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        ViolationStatus? statusFilter = status is null ? null : errors.Enum<ViolationStatus>(status, "status");
        errors.ThrowIfAny();
        var query = db.Violations.AsNoTracking();
        query = estateId is null ? query : query.Where(v => v.EstateId == estateId);
        query = statusFilter is null ? query : query.Where(v => v.Status == statusFilter);
        var page = await query.ToKeysetPageAsync(v => v.FoundAt, v => v.Id, cursor, limit, v => v, cancellationToken);

        // Overdue is judged on each estate's local date: one more query for the page's estates.
        var estateIds = page.Items.Select(v => v.EstateId).Distinct().ToList();
        var calendars = (await db.Estates.AsNoTracking().Where(e => estateIds.Contains(e.Id)).ToListAsync(cancellationToken))
            .ToDictionary(e => e.Id, e => e.Calendar());
        var now = time.GetUtcNow();
        return TypedResults.Ok(new Page<ViolationResponse>([.. page.Items.Select(v => ToResponse(v, calendars[v.EstateId], now))], page.NextCursor));
    }

    private static async Task<(Violation Violation, EstateCalendar Calendar)> LoadAsync(
        ReceptionDbContext db, Guid id, CancellationToken cancellationToken, bool tracked = true)
    {
        var violations = tracked ? db.Violations : db.Violations.AsNoTracking();
        var violation = await violations.SingleOrDefaultAsync(v => v.Id == id, cancellationToken) ?? throw new NotFoundException("Violation", id);
        var estate = await db.Estates.AsNoTracking().SingleAsync(e => e.Id == violation.EstateId, cancellationToken);
        return (violation, estate.Calendar());
    }

    private static ViolationResponse ToResponse(Violation v, EstateCalendar calendar, DateTimeOffset now) => new(
        v.Id, v.EstateId, v.UnitId, v.PatrolRecordId, v.Type, v.Description, v.Status, v.FoundAt, v.FoundBy, v.RectifyBy,
        v.RectificationOverdue(now), v.Serious, v.VerifiedAt, v.VerifiedBy,
        [.. v.FollowUps.OrderBy(f => f.At).ThenBy(f => f.Id).Select(f => new ViolationFollowUpResponse(f.Step, f.At, f.By, f.Note, f.RectifyBy))]);
}
