using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Contracts.Charges;
using PropertyPlatform.SecurityGate.Data;
using PropertyPlatform.SecurityGate.Domain;
using PropertyPlatform.ServiceDefaults.Data;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Messaging;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.SecurityGate.Features.Parking;

/// <summary>The estate's visitor parking price, in the estate's currency: <c>freeMinutes</c> free, then <c>hourlyRate</c> per started hour.</summary>
public sealed record SetTariffCommand(int? FreeMinutes, decimal? HourlyRate);

public sealed record TariffResponse(Guid EstateId, int FreeMinutes, decimal HourlyRate, string Currency, DateTimeOffset UpdatedAt);

/// <summary>A vehicle entering: a registered resident plate parks as the resident's; any other is a visitor for <c>unitId</c>, which pays an overstay.</summary>
public sealed record VehicleEntryCommand(Guid? EstateId, string? Plate, Guid? UnitId, DateTimeOffset? EnteredAt);

public sealed record VehicleExitCommand(DateTimeOffset? ExitedAt);

public sealed record ParkingSessionResponse(
    Guid Id,
    Guid EstateId,
    Guid? UnitId,
    string Plate,
    string Kind,
    DateTimeOffset EnteredAt,
    DateTimeOffset? ExitedAt,
    int? DurationMinutes,
    decimal? Fee,
    string? Currency);

/// <summary>Vehicles in and out, with their stay's duration; a visitor's overstay is charged to the unit visited through billing.</summary>
public static class ParkingApi
{
    /// <summary>Billing's fee item that parking is charged under (<c>ChargeRaised.FeeItem</c> names one of billing's fee items).</summary>
    public const string VisitorParkingFeeItem = "parking";
    public const string ChargeSource = "security-gate";
    public const decimal MaxHourlyRate = 1_000_000m;

    public static RouteGroupBuilder MapParkingApi(this RouteGroupBuilder api)
    {
        var parking = api.MapGroup("/parking").WithTags("Parking");
        parking.MapPut("/tariffs/{estateId:guid}", SetTariff).RequireRoles(SecurityGateRoles.TariffKeepers);
        parking.MapGet("/tariffs/{estateId:guid}", GetTariff).RequireRoles(SecurityGateRoles.Readers);
        parking.MapPost("/sessions", Enter).RequireRoles(SecurityGateRoles.Gate);
        parking.MapPost("/sessions/{sessionId:guid}/exit", Exit).RequireRoles(SecurityGateRoles.Gate);
        parking.MapGet("/sessions/{sessionId:guid}", Get).RequireRoles(SecurityGateRoles.Readers);
        parking.MapGet("/sessions", List).RequireRoles(SecurityGateRoles.Readers);
        return api;
    }

    public static async Task<Ok<TariffResponse>> SetTariff(
        Guid estateId, SetTariffCommand command, SecurityGateDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        scope.EnsureCanWrite(estateId);
        var currency = await db.EstateCalendars.AsNoTracking().Where(c => c.EstateId == estateId).Select(c => c.Currency).SingleOrDefaultAsync(cancellationToken)
            ?? throw new ConflictException($"Estate '{estateId}' is not known to this service yet (reception announces its calendar and currency); try again shortly.");
        var errors = new InputErrors();
        if (command.FreeMinutes is not (>= 0 and <= 24 * 60))
        {
            errors.Add("freeMinutes", "Required: 0 to 1440 minutes.");
        }

        var rate = errors.Money(command.HourlyRate, currency, "hourlyRate", MaxHourlyRate);
        errors.ThrowIfAny();
        var tariff = await db.ParkingTariffs.SingleOrDefaultAsync(t => t.EstateId == estateId, cancellationToken);
        if (tariff is null)
        {
            tariff = ParkingTariff.For(estateId);
            db.ParkingTariffs.Add(tariff);
        }

        tariff.Set(command.FreeMinutes!.Value, rate, currency, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(tariff));
    }

    public static async Task<Ok<TariffResponse>> GetTariff(Guid estateId, SecurityGateDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(ToResponse(await db.ParkingTariffs.AsNoTracking().SingleOrDefaultAsync(t => t.EstateId == estateId, cancellationToken)
            ?? throw new NotFoundException("Parking tariff of estate", estateId)));

    public static async Task<Created<ParkingSessionResponse>> Enter(
        VehicleEntryCommand command, SecurityGateDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var errors = new InputErrors();
        var estateId = errors.Id(command.EstateId, "estateId");
        var plate = errors.Plate(command.Plate, "plate");
        var enteredAt = errors.HappenedAt(command.EnteredAt, "enteredAt", now);
        if (command.UnitId == Guid.Empty)
        {
            errors.Add("unitId", "Must be a unit id.");
        }

        errors.ThrowIfAny();
        scope.EnsureCanWrite(estateId);
        var resident = await db.ResidentVehicles.AsNoTracking()
            .SingleOrDefaultAsync(v => v.EstateId == estateId && v.Plate == plate && v.DeregisteredAt == null, cancellationToken);
        if (resident is null && command.UnitId is null)
        {
            throw new ValidationFailedException("unitId", "Required for a visitor's vehicle: the unit visited, which pays an overstay.");
        }

        var session = resident is not null
            ? ParkingSession.Enter(estateId, resident.UnitId!.Value, plate, VehicleKind.Resident, enteredAt, scope.Subject ?? "")
            : ParkingSession.Enter(estateId, command.UnitId!.Value, plate, VehicleKind.Visitor, enteredAt, scope.Subject ?? "");
        db.ParkingSessions.Add(session);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            throw new ConflictException($"Vehicle {plate} is inside already; record its exit first.");
        }

        return TypedResults.Created($"/api/security-gate/parking/sessions/{session.Id}", ToResponse(session));
    }

    /// <summary>Closes the stay; a visitor's fee above zero is charged to the unit visited (<see cref="ChargeRaised"/>), in the same transaction, once.</summary>
    public static async Task<Ok<ParkingSessionResponse>> Exit(
        Guid sessionId, VehicleExitCommand command, SecurityGateDbContext db, EstateScope scope, CorrelationContext correlation, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var errors = new InputErrors();
        var exitedAt = errors.HappenedAt(command.ExitedAt, "exitedAt", now);
        errors.ThrowIfAny();
        var session = await db.ParkingSessions.SingleOrDefaultAsync(s => s.Id == sessionId, cancellationToken)
            ?? throw new NotFoundException("Parking session", sessionId);
        scope.EnsureCanWrite(session.EstateId);
        if (exitedAt < session.EnteredAt)
        {
            throw new ValidationFailedException("exitedAt", "Cannot be before the entry.");
        }

        var tariff = await db.ParkingTariffs.AsNoTracking().SingleOrDefaultAsync(t => t.EstateId == session.EstateId, cancellationToken);
        if (!session.Exit(exitedAt, tariff, scope.Subject ?? ""))
        {
            throw new ConflictException("The vehicle's exit is recorded already.");
        }

        if (session.Fee is > 0m)
        {
            db.AddIntegrationEvent(new ChargeRaised(
                Guid.CreateVersion7(now), now, session.EstateId, correlation.CorrelationId, session.UnitId!.Value, VisitorParkingFeeItem,
                session.Fee.Value, session.Currency!, ChargeSource, session.Id,
                $"Visitor parking {session.Plate}: {session.DurationMinutes} min, {tariff!.FreeMinutes} min free"));
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(session));
    }

    public static async Task<Ok<ParkingSessionResponse>> Get(Guid sessionId, SecurityGateDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(ToResponse(await db.ParkingSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sessionId, cancellationToken)
            ?? throw new NotFoundException("Parking session", sessionId)));

    /// <summary>Stays newest first; <c>inside=true</c>: the vehicles in the estate now.</summary>
    public static async Task<Ok<Page<ParkingSessionResponse>>> List(
        SecurityGateDbContext db, Guid? estateId, bool? inside, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var query = db.ParkingSessions.AsNoTracking();
        query = estateId is null ? query : query.Where(s => s.EstateId == estateId);
        query = inside is null ? query : query.Where(s => (s.ExitedAt == null) == inside);
        return TypedResults.Ok(await query.ToKeysetPageAsync(s => s.EnteredAt, s => s.Id, cursor, limit, ToResponse, cancellationToken));
    }

    private static TariffResponse ToResponse(ParkingTariff t) => new(t.EstateId, t.FreeMinutes, t.HourlyRate, t.Currency, t.UpdatedAt);

    private static ParkingSessionResponse ToResponse(ParkingSession s) => new(
        s.Id, s.EstateId, s.UnitId, s.Plate, s.Kind.ToString(), s.EnteredAt, s.ExitedAt, s.DurationMinutes, s.Fee, s.Currency);
}
