using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.SecurityGate.Data;
using PropertyPlatform.SecurityGate.Domain;
using PropertyPlatform.ServiceDefaults.Data;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.SecurityGate.Features.Parking;

/// <summary>A resident's plate for their unit; <c>residentId</c> is reception's, from the move-in.</summary>
public sealed record RegisterVehicleCommand(Guid? EstateId, Guid? UnitId, Guid? ResidentId, string? Plate);

public sealed record VehicleResponse(Guid Id, Guid EstateId, Guid UnitId, Guid ResidentId, string Plate, DateTimeOffset RegisteredAt, DateTimeOffset? DeregisteredAt);

/// <summary>Residents' vehicles, registered to their units; only someone reception says lives there can register one.</summary>
public static class VehiclesApi
{
    public static RouteGroupBuilder MapVehiclesApi(this RouteGroupBuilder api)
    {
        var vehicles = api.MapGroup("/vehicles").WithTags("Resident vehicles");
        vehicles.MapPost("/", Register).RequireRoles(SecurityGateRoles.Gate);
        vehicles.MapGet("/", List).RequireRoles(SecurityGateRoles.Readers);
        return api;
    }

    public static async Task<Created<VehicleResponse>> Register(
        RegisterVehicleCommand command, SecurityGateDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estateId = errors.Id(command.EstateId, "estateId");
        var unitId = errors.Id(command.UnitId, "unitId");
        var residentId = errors.Id(command.ResidentId, "residentId");
        var plate = errors.Plate(command.Plate, "plate");
        errors.ThrowIfAny();
        scope.EnsureCanWrite(estateId);
        var resident = await db.UnitResidents.AsNoTracking()
            .SingleOrDefaultAsync(r => r.ResidentId == residentId && r.UnitId == unitId && r.EstateId == estateId, cancellationToken);
        if (resident is not { LivesThere: true })
        {
            throw new ValidationFailedException("residentId", "Not someone living in the unit, as reception announced its move-ins and move-outs.");
        }

        var vehicle = ResidentVehicle.Register(estateId, unitId, residentId, plate, time.GetUtcNow());
        db.ResidentVehicles.Add(vehicle);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            throw new ConflictException($"Plate {plate} is registered in this estate already.");
        }

        return TypedResults.Created($"/api/security-gate/vehicles?estateId={estateId}&unitId={unitId}", ToResponse(vehicle));
    }

    /// <summary>The registered vehicles (without those of residents who moved out), by estate and unit.</summary>
    public static async Task<Ok<VehicleResponse[]>> List(SecurityGateDbContext db, Guid? estateId, Guid? unitId, CancellationToken cancellationToken)
    {
        var query = db.ResidentVehicles.AsNoTracking().Where(v => v.DeregisteredAt == null);
        query = estateId is null ? query : query.Where(v => v.EstateId == estateId);
        query = unitId is null ? query : query.Where(v => v.UnitId == unitId);
        var vehicles = await query.OrderBy(v => v.Plate).Take(200).ToListAsync(cancellationToken);
        return TypedResults.Ok(vehicles.Select(ToResponse).ToArray());
    }

    private static VehicleResponse ToResponse(ResidentVehicle v) => new(v.Id, v.EstateId, v.UnitId!.Value, v.ResidentId, v.Plate, v.RegisteredAt, v.DeregisteredAt);
}
