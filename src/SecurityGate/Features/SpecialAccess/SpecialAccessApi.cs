using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.SecurityGate.Data;
using PropertyPlatform.SecurityGate.Domain;
using PropertyPlatform.SecurityGate.Features.Posts;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.SecurityGate.Features.SpecialAccess;

/// <summary>A special vehicle registered for a window (<c>validFrom</c> to <c>validUntil</c>, at most 30 days).</summary>
public sealed record RegisterSpecialVehicleCommand(
    Guid? EstateId, Guid? UnitId, string? Plate, string? Kind, string? Company, DateTimeOffset? ValidFrom, DateTimeOffset? ValidUntil);

public sealed record SpecialVehicleResponse(
    Guid Id, Guid EstateId, Guid? UnitId, string Plate, string Kind, string Company, DateTimeOffset ValidFrom, DateTimeOffset ValidUntil);

/// <summary>The gate's answer for a plate or a worker now: let in, or refused with the reason.</summary>
public sealed record AccessCheckResponse(bool Allowed, string? Reason, Guid? RecordId);

public sealed record RenovationSiteResponse(
    Guid PermitId, Guid EstateId, Guid? UnitId, string Contractor, IReadOnlyList<string> Workers, DateOnly? PlannedStart, DateOnly? PlannedEnd, DateTimeOffset? AcceptedAt);

public static class SpecialAccessApi
{
    public static readonly TimeSpan LongestWindow = TimeSpan.FromDays(30);

    public static RouteGroupBuilder MapSpecialAccessApi(this RouteGroupBuilder api)
    {
        var vehicles = api.MapGroup("/special-vehicles").WithTags("Vehicles and parking");
        vehicles.MapPost("/", Register).RequireRoles(SecurityGateRoles.SpecialAccessKeepers);
        vehicles.MapGet("/", List).RequireRoles(SecurityGateRoles.Readers);
        vehicles.MapGet("/check", CheckVehicle).RequireRoles(SecurityGateRoles.Gate);
        var renovations = api.MapGroup("/renovation-sites").WithTags("Visitors");
        renovations.MapGet("/", ListSites).RequireRoles(SecurityGateRoles.Readers);
        renovations.MapGet("/{permitId:guid}/check", CheckWorker).RequireRoles(SecurityGateRoles.Gate);
        return api;
    }

    public static async Task<Created<SpecialVehicleResponse>> Register(
        RegisterSpecialVehicleCommand command, SecurityGateDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var errors = new InputErrors();
        var estateId = errors.Id(command.EstateId, "estateId");
        var plate = errors.Plate(command.Plate, "plate");
        var kind = errors.Enum<SpecialVehicleKind>(command.Kind, "kind");
        var company = errors.Text(command.Company, "company", maxLength: 200);
        errors.OptionalId(command.UnitId, "unitId", "for the estate itself");
        if (command.ValidFrom is null)
        {
            errors.Add("validFrom", "Required: when the window opens.");
        }

        if (command.ValidUntil is null)
        {
            errors.Add("validUntil", "Required: when the window closes.");
        }
        else if (command.ValidUntil <= now)
        {
            errors.Add("validUntil", "Must be in the future.");
        }
        else if (command.ValidFrom is { } from && (command.ValidUntil <= from || command.ValidUntil - from > LongestWindow))
        {
            errors.Add("validUntil", $"Must be after validFrom, and at most {LongestWindow.TotalDays} days after it.");
        }

        errors.ThrowIfAny();
        scope.EnsureCanWrite(estateId);
        var vehicle = SpecialVehicle.Register(estateId, command.UnitId, plate, kind, company, command.ValidFrom!.Value.ToUniversalTime(),
            command.ValidUntil!.Value.ToUniversalTime(), scope.Subject ?? "", now);
        db.SpecialVehicles.Add(vehicle);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/security-gate/special-vehicles/{vehicle.Id}", ToResponse(vehicle));
    }

    public static async Task<Ok<Page<SpecialVehicleResponse>>> List(SecurityGateDbContext db, Guid? estateId, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var query = db.SpecialVehicles.AsNoTracking();
        query = estateId is null ? query : query.Where(v => v.EstateId == estateId);
        return TypedResults.Ok(await query.ToKeysetPageAsync(v => v.RegisteredAt, v => v.Id, cursor, limit, ToResponse, cancellationToken));
    }

    /// <summary>Whether a special vehicle with this plate may come in now: registered, and within its window.</summary>
    public static async Task<Ok<AccessCheckResponse>> CheckVehicle(
        SecurityGateDbContext db, EstateScope scope, TimeProvider time, Guid? estateId, string? plate, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estate = errors.Id(estateId, "estateId");
        var normalized = errors.Plate(plate, "plate");
        errors.ThrowIfAny();
        // Another estate's gate would only be told "not registered", which is not true: it is no gate of this estate.
        if (!scope.CanSeeEstate(estate))
        {
            throw new ForbiddenException($"You are not assigned to estate '{estate}'.");
        }

        var now = time.GetUtcNow();
        var registered = await db.SpecialVehicles.AsNoTracking().Where(v => v.EstateId == estate && v.Plate == normalized).ToListAsync(cancellationToken);
        var valid = registered.FirstOrDefault(v => v.ValidAt(now));
        return TypedResults.Ok(valid is not null ? new AccessCheckResponse(true, null, valid.Id)
            : new AccessCheckResponse(false, registered.Count == 0 ? "Not registered as a special vehicle." : "Outside its registered window.", null));
    }

    public static async Task<Ok<RenovationSiteResponse[]>> ListSites(SecurityGateDbContext db, Guid? estateId, Guid? unitId, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estate = errors.Id(estateId, "estateId");
        errors.ThrowIfAny();
        var sites = await db.RenovationSites.AsNoTracking().Where(s => s.EstateId == estate && (unitId == null || s.UnitId == unitId)).ToListAsync(cancellationToken);
        return TypedResults.Ok(sites.Select(s => new RenovationSiteResponse(s.PermitId, s.EstateId, s.UnitId, s.Contractor, s.Workers, s.PlannedStart, s.PlannedEnd, s.AcceptedAt)).ToArray());
    }

    /// <summary>Whether the renovation worker <paramref name="worker"/> may come in today on the permit.</summary>
    public static async Task<Ok<AccessCheckResponse>> CheckWorker(
        Guid permitId, string? worker, SecurityGateDbContext db, IEstateCalendars calendars, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var name = errors.Text(worker, "worker", maxLength: 100);
        errors.ThrowIfAny();
        var site = await db.RenovationSites.AsNoTracking().SingleOrDefaultAsync(s => s.PermitId == permitId, cancellationToken)
            ?? throw new NotFoundException("Renovation permit", permitId);
        var refusal = site.RefusalFor(name, await PostStaffing.LocalDayAsync(calendars, site.EstateId, time.GetUtcNow(), cancellationToken));
        return TypedResults.Ok(new AccessCheckResponse(refusal is null, refusal, site.PermitId));
    }

    private static SpecialVehicleResponse ToResponse(SpecialVehicle v) =>
        new(v.Id, v.EstateId, v.UnitId, v.Plate, v.Kind.ToString(), v.Company, v.ValidFrom, v.ValidUntil);
}
