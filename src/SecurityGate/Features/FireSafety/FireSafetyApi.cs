using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.SecurityGate.Data;
using PropertyPlatform.SecurityGate.Domain;
using PropertyPlatform.SecurityGate.Features.Incidents;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.SecurityGate.Features.FireSafety;

/// <summary>A recurring check: <c>kind</c> FireEquipment or FireLane, every <c>everyDays</c> days, done by <c>dueBy</c> (estate-local HH:mm).</summary>
public sealed record CreateFireRoutineCommand(Guid? EstateId, string? Kind, string? Location, int? EveryDays, string? DueBy);

public sealed record FireRoutineResponse(Guid Id, Guid EstateId, string Kind, string Location, int EveryDays, string DueBy, DateTimeOffset NextDueAt);

/// <summary>The check as done: <c>passed</c> false when the lane was blocked or equipment was missing or broken (say what in <c>notes</c>).</summary>
public sealed record RecordFireCheckCommand(bool? Passed, string? Notes);

public sealed record FireCheckResponse(
    Guid Id, Guid RoutineId, Guid EstateId, string Kind, string Location, DateTimeOffset DueAt, DateTimeOffset? DoneAt, bool? Passed, string? Notes, string Status);

public static class FireSafetyApi
{
    public static RouteGroupBuilder MapFireSafetyApi(this RouteGroupBuilder api)
    {
        var fire = api.MapGroup("/fire-safety").WithTags("Fire safety");
        fire.MapPost("/routines", CreateRoutine).RequireRoles(SecurityGateRoles.Supervisors);
        fire.MapGet("/routines", ListRoutines).RequireRoles(SecurityGateRoles.Readers);
        fire.MapGet("/checks", ListChecks).RequireRoles(SecurityGateRoles.Readers);
        fire.MapPost("/routines/{routineId:guid}/checks", Record).RequireRoles(SecurityGateRoles.Gate);
        return api;
    }

    public static async Task<Created<FireRoutineResponse>> CreateRoutine(
        CreateFireRoutineCommand command, SecurityGateDbContext db, EstateScope scope, IEstateCalendars calendars, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estateId = errors.Id(command.EstateId, "estateId");
        var kind = errors.Enum<FireCheckKind>(command.Kind, "kind");
        var location = errors.Text(command.Location, "location", maxLength: 200);
        if (command.EveryDays is not (>= 1 and <= 366))
        {
            errors.Add("everyDays", "Required: 1 to 366 days.");
        }

        var dueBy = errors.TimeOfDay(command.DueBy, "dueBy");
        errors.ThrowIfAny();
        scope.EnsureCanWrite(estateId);
        var calendar = await calendars.GetAsync(estateId, cancellationToken)
            ?? throw new ConflictException("The estate's calendar has not reached security-gate yet: its local times cannot be placed.");
        var routine = FireCheckRoutine.Create(estateId, kind, location, command.EveryDays!.Value, dueBy!.Value, time.GetUtcNow());
        db.FireCheckRoutines.Add(routine);
        db.FireChecks.AddRange(routine.LayOut(routine.CreatedAt, calendar));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/security-gate/fire-safety/routines/{routine.Id}", ToResponse(routine));
    }

    public static async Task<Ok<FireRoutineResponse[]>> ListRoutines(SecurityGateDbContext db, Guid? estateId, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estate = errors.Id(estateId, "estateId");
        errors.ThrowIfAny();
        var routines = await db.FireCheckRoutines.AsNoTracking().Where(r => r.EstateId == estate).OrderBy(r => r.Location).ToListAsync(cancellationToken);
        return TypedResults.Ok(routines.Select(ToResponse).ToArray());
    }

    /// <summary>
    /// Records the routine's current check (the first not done whose deadline is still ahead); a check whose deadline passed
    /// stays missed. A failed check (a blocked lane, missing or broken equipment) alerts the security supervisor on duty in
    /// the same transaction: it is done, and what it found must be acted on.
    /// </summary>
    public static async Task<Ok<FireCheckResponse>> Record(
        Guid routineId, RecordFireCheckCommand command, SecurityGateDbContext db, EstateScope scope, IEstateCalendars calendars, CorrelationContext correlation,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        if (command.Passed is null)
        {
            errors.Add("passed", "Required: whether everything was in order.");
        }

        var notes = errors.OptionalText(command.Notes, "notes", maxLength: 2000);
        if (command.Passed == false && notes is null)
        {
            errors.Add("notes", "Required when the check failed: what was wrong.");
        }

        errors.ThrowIfAny();
        var routine = await db.FireCheckRoutines.AsNoTracking().SingleOrDefaultAsync(r => r.Id == routineId, cancellationToken)
            ?? throw new NotFoundException("Fire-safety routine", routineId);
        scope.EnsureCanWrite(routine.EstateId);
        var now = time.GetUtcNow();
        // The scheduler may not have laid out the current check yet.
        await FireCheckScheduling.LayOutAsync(db, now, cancellationToken, routine.Id);
        var check = await db.FireChecks.Where(c => c.RoutineId == routine.Id && c.DoneAt == null && c.DueAt >= now).OrderBy(c => c.DueAt)
            .FirstOrDefaultAsync(cancellationToken) ?? throw new ConflictException("The routine's current check is done already.");
        check.Record(command.Passed!.Value, notes, scope.Subject ?? "", now);
        if (check.Passed == false)
        {
            await SupervisorAlerts.NotifyAsync(db, calendars, new Alert(
                check.EstateId, now, FailedKind(check.Kind), "High", check.Location, notes!, check.Id, "urgent", SupervisorAlerts.FireCheckFailed), correlation.CorrelationId, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(check, now));
    }

    /// <summary>An estate's checks, newest deadline first; <c>status</c> <c>missed</c>, <c>done</c>, <c>failed</c> (done, and something was wrong) or <c>pending</c>.</summary>
    public static async Task<Ok<Page<FireCheckResponse>>> ListChecks(
        SecurityGateDbContext db, TimeProvider time, Guid? estateId, string? status, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estate = errors.Id(estateId, "estateId");
        if (status is not (null or "missed" or "done" or "failed" or "pending"))
        {
            errors.Add("status", "Must be one of: missed, done, failed, pending.");
        }

        errors.ThrowIfAny();
        var now = time.GetUtcNow();
        var query = db.FireChecks.AsNoTracking().Where(c => c.EstateId == estate);
        query = status switch
        {
            "missed" => query.Where(c => c.DoneAt == null && c.DueAt < now),
            "done" => query.Where(c => c.DoneAt != null),
            "failed" => query.Where(c => c.DoneAt != null && c.Passed == false),
            "pending" => query.Where(c => c.DoneAt == null && c.DueAt >= now),
            _ => query,
        };
        return TypedResults.Ok(await query.ToKeysetPageAsync(c => c.DueAt, c => c.Id, cursor, limit, c => ToResponse(c, now), cancellationToken));
    }

    /// <summary>What the supervisor reads as the alert's kind: which check failed.</summary>
    public static string FailedKind(FireCheckKind kind) => kind == FireCheckKind.FireLane ? "Fire lane blocked" : "Fire equipment check failed";

    private static FireRoutineResponse ToResponse(FireCheckRoutine r) => new(
        r.Id, r.EstateId, r.Kind.ToString(), r.Location, r.EveryDays, r.DueBy.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), r.LaidOutUntil);

    private static FireCheckResponse ToResponse(FireCheck c, DateTimeOffset now) => new(
        c.Id, c.RoutineId, c.EstateId, c.Kind.ToString(), c.Location, c.DueAt, c.DoneAt, c.Passed, c.Notes,
        c.DoneAt is not null ? "done" : c.DueAt < now ? "missed" : "pending");
}
