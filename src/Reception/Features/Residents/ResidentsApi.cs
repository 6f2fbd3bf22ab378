using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Contracts.Reception;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.ServiceDefaults.Data;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Messaging;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Reception.Features.Residents;

/// <summary>Meter readings in m³ (water, gas) and kWh (electricity); gas is left out where the unit has no gas meter.</summary>
public sealed record MeterReadingsInput(decimal? Water, decimal? Electricity, decimal? Gas);

/// <summary>Someone moving in: kind is owner (on the owner roster for the unit), tenant or family.</summary>
public sealed record NewResidentInput(string? Kind, string? FullName, string? Phone);

/// <summary>
/// The move-in procedure (入伙): the date (yyyy-MM-dd, estate-local, not after today), the checklist and who moves in.
/// </summary>
public sealed record RecordMoveInCommand(
    Guid? EstateId,
    Guid? UnitId,
    string? MovedInOn,
    bool? DocumentsChecked,
    int? KeysHandedOver,
    MeterReadingsInput? MeterReadings,
    string? HandoverNotes,
    NewResidentInput[]? Residents);

/// <summary>A move-out on a date (yyyy-MM-dd, estate-local: the first day no longer lived there), optionally with the meters read.</summary>
public sealed record RecordMoveOutCommand(string? MovedOutOn, MeterReadingsInput? MeterReadings, string? Notes);

public sealed record ResidentResponse(
    Guid Id, Guid EstateId, Guid UnitId, Guid MoveInId, ResidentKind Kind, string FullName, string Phone, DateOnly MovedInOn, DateOnly? MovedOutOn);

public sealed record MoveInResponse(
    Guid Id,
    Guid EstateId,
    Guid UnitId,
    DateOnly MovedInOn,
    bool DocumentsChecked,
    int KeysHandedOver,
    decimal WaterReading,
    decimal ElectricityReading,
    decimal? GasReading,
    string? HandoverNotes,
    string RecordedBy,
    DateTimeOffset RecordedAt,
    IReadOnlyList<ResidentResponse> Residents);

/// <summary>
/// Residents and the front desk's move-in and move-out procedures. A move-in brings residents in and makes the unit
/// occupied; the last move-out makes it vacant again (unless it is being renovated). Each resident's move is announced
/// (<see cref="ResidentMovedIn"/>, <see cref="ResidentMovedOut"/>) so billing bills the unit from and to those dates.
/// </summary>
public static class ResidentsApi
{
    /// <summary>Who reads the residents: the registry keepers, and cashiers (who bill the occupied units).</summary>
    private static readonly string[] ReadingRoles = [.. ReceptionRoles.RegistryKeepers, PlatformRoles.Cashier];

    /// <summary>A household, with room to spare: no unit houses more people than this at once.</summary>
    public const int MaxResidentsPerMoveIn = 20;

    public static RouteGroupBuilder MapResidentsApi(this RouteGroupBuilder api)
    {
        var moveIns = api.MapGroup("/move-ins").WithTags("Residents");
        moveIns.MapPost("/", RecordMoveIn).RequireRoles(ReceptionRoles.RegistryKeepers);
        moveIns.MapGet("/{id:guid}", GetMoveIn).RequireRoles(ReceptionRoles.RegistryKeepers);

        var residents = api.MapGroup("/residents").WithTags("Residents");
        residents.MapGet("/{id:guid}", GetResident).RequireRoles(ReceptionRoles.RegistryKeepers);
        residents.MapGet("/", ListResidents).RequireRoles(ReadingRoles);
        residents.MapPost("/{id:guid}/move-out", RecordMoveOut).RequireRoles(ReceptionRoles.RegistryKeepers);
        return api;
    }

    /// <summary>Records a move-in at the front desk; the unit is occupied from that date and billing is told.</summary>
    public static async Task<Created<MoveInResponse>> RecordMoveIn(
        RecordMoveInCommand command, ReceptionDbContext db, EstateScope scope, TimeProvider time, CorrelationContext correlation, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estateId = errors.Id(command.EstateId, "estateId");
        var unitId = errors.Id(command.UnitId, "unitId");
        var movedInOn = errors.LocalDate(command.MovedInOn?.Trim(), "movedInOn");
        if (command.DocumentsChecked != true)
        {
            errors.Add("documentsChecked", "The documents must be checked before the keys are handed over.");
        }

        if (command.KeysHandedOver is null or < 1 or > 50)
        {
            errors.Add("keysHandedOver", "Required: how many keys were handed over, 1 to 50.");
        }

        var (water, electricity, gas) = Readings(errors, command.MeterReadings, "meterReadings");
        var notes = errors.OptionalText(command.HandoverNotes, "handoverNotes", maxLength: 2000);
        var newcomers = new List<(ResidentKind Kind, string FullName, string Phone)>();
        var listed = command.Residents ?? [];
        if (listed.Length > MaxResidentsPerMoveIn)
        {
            // Refused before any of them is read: the length of the list is the caller's to choose, not ours to loop over.
            errors.Add("residents", $"At most {MaxResidentsPerMoveIn} residents move in at once.");
            listed = [];
        }
        else if (listed.Length == 0)
        {
            errors.Add("residents", "At least one resident moves in.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (resident, i) in listed.Select((r, i) => (r, i)))
        {
            var kind = errors.Enum<ResidentKind>(resident?.Kind, $"residents[{i}].kind");
            var fullName = errors.Text(resident?.FullName, $"residents[{i}].fullName", maxLength: 200);
            var phone = errors.Phone(resident?.Phone, $"residents[{i}].phone");
            if (!seen.Add(phone))
            {
                errors.Add($"residents[{i}].phone", "The same person is listed twice.");
            }

            newcomers.Add((kind, fullName, phone));
        }


        errors.ThrowIfAny();
        scope.EnsureCanWrite(estateId, unitId);
        var estate = await db.Estates.AsNoTracking().SingleOrDefaultAsync(e => e.Id == estateId, cancellationToken)
            ?? throw new NotFoundException("Estate", estateId);
        var now = time.GetUtcNow();
        EnsureNotAfterToday(estate, movedInOn, now, "movedInOn", "A move-in");
        var unit = await db.Units.SingleOrDefaultAsync(u => u.Id == unitId && u.EstateId == estateId, cancellationToken)
            ?? throw new ValidationFailedException("unitId", "No such unit in this estate.");

        var ownerPhones = newcomers.Where(n => n.Kind == ResidentKind.Owner).Select(n => n.Phone).ToArray();
        var rostered = await db.Owners.AsNoTracking()
            .Where(o => o.EstateId == estateId && o.UnitIds.Contains(unitId) && ownerPhones.Contains(o.Phone))
            .Select(o => o.Phone)
            .ToListAsync(cancellationToken);
        var notOwner = newcomers.FindIndex(n => n.Kind == ResidentKind.Owner && !rostered.Contains(n.Phone));
        if (notOwner >= 0)
        {
            throw new ValidationFailedException($"residents[{notOwner}].kind",
                "Not on the owner roster for this unit (matched by phone): register the owner first, or move them in as family or tenant.");
        }

        var phones = newcomers.Select(n => n.Phone).ToArray();
        var stays = await db.Residents.AsNoTracking().Where(r => r.UnitId == unitId && phones.Contains(r.Phone)).ToListAsync(cancellationToken);
        if (stays.FirstOrDefault(s => s.Overlaps(movedInOn, null)) is { } overlapping)
        {
            throw new ConflictException(overlapping.MovedOutOn is { } outOn
                ? $"{overlapping.FullName} lives in this unit already from {overlapping.MovedInOn:yyyy-MM-dd} to {outOn:yyyy-MM-dd}."
                : $"{overlapping.FullName} lives in this unit already from {overlapping.MovedInOn:yyyy-MM-dd}; record the move-out first.");
        }

        var moveIn = MoveIn.Record(estateId, unitId, movedInOn, command.KeysHandedOver!.Value, water, electricity, gas, notes, scope.Subject ?? "", now);
        db.MoveIns.Add(moveIn);
        var residents = newcomers.Select(n => Resident.MoveIn(estateId, unitId, moveIn.Id, n.Kind, n.FullName, n.Phone, movedInOn, now)).ToList();
        db.Residents.AddRange(residents);
        unit.MarkOccupied();
        // Somebody lives here now: the vacant unit's monthly round ends.
        foreach (var round in await db.PatrolTargets.Where(t => t.UnitId == unitId && t.Kind == PatrolTargetKind.VacantUnit && t.Active).ToListAsync(cancellationToken))
        {
            round.Retire();
        }

        foreach (var resident in residents)
        {
            db.AddIntegrationEvent(new ResidentMovedIn(
                Guid.CreateVersion7(now), now, estateId, correlation.CorrelationId, unitId, resident.Id, moveIn.Id, resident.Kind.ToString(),
                movedInOn, new MeterReadings(water, electricity, gas)));
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            throw new ConflictException("One of these residents was just moved into this unit by someone else.");
        }

        return TypedResults.Created($"/api/reception/move-ins/{moveIn.Id}", ToResponse(moveIn, residents, scope));
    }

    public static async Task<Ok<MoveInResponse>> GetMoveIn(Guid id, ReceptionDbContext db, EstateScope scope, CancellationToken cancellationToken)
    {
        var moveIn = await db.MoveIns.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken)
            ?? throw new NotFoundException("Move-in", id);
        var residents = await db.Residents.AsNoTracking().Where(r => r.MoveInId == id).OrderBy(r => r.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(moveIn, residents, scope));
    }

    /// <summary>Records a resident's move-out; when the last resident leaves, the unit is vacant again (unless renovating).</summary>
    public static async Task<Ok<ResidentResponse>> RecordMoveOut(
        Guid id, RecordMoveOutCommand command, ReceptionDbContext db, EstateScope scope, TimeProvider time, CorrelationContext correlation,
        CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var movedOutOn = errors.LocalDate(command.MovedOutOn?.Trim(), "movedOutOn");
        (decimal Water, decimal Electricity, decimal? Gas)? readings = command.MeterReadings is null
            ? null
            : Readings(errors, command.MeterReadings, "meterReadings");
        var notes = errors.OptionalText(command.Notes, "notes", maxLength: 2000);
        errors.ThrowIfAny();
        var resident = await db.Residents.SingleOrDefaultAsync(r => r.Id == id, cancellationToken) ?? throw new NotFoundException("Resident", id);
        scope.EnsureCanWrite(resident.EstateId, resident.UnitId);
        if (resident.MovedOutOn is { } movedOut)
        {
            throw new ConflictException($"{resident.FullName} moved out already on {movedOut:yyyy-MM-dd}.");
        }

        if (movedOutOn < resident.MovedInOn)
        {
            throw new ValidationFailedException("movedOutOn", $"Must be on or after the move-in on {resident.MovedInOn:yyyy-MM-dd}.");
        }

        var estate = await db.Estates.AsNoTracking().SingleAsync(e => e.Id == resident.EstateId, cancellationToken);
        var now = time.GetUtcNow();
        EnsureNotAfterToday(estate, movedOutOn, now, "movedOutOn", "A move-out");
        resident.MoveOut(movedOutOn, readings?.Water, readings?.Electricity, readings?.Gas, notes, now);
        var someoneStays = await db.Residents.AnyAsync(r => r.UnitId == resident.UnitId && r.Id != resident.Id && r.MovedOutOn == null, cancellationToken);
        if (!someoneStays)
        {
            var unit = await db.Units.SingleAsync(u => u.Id == resident.UnitId, cancellationToken);
            unit.MarkVacated();
            // Nobody lives here any more: the unit joins the monthly vacant-unit rounds (once).
            if (unit.Status == UnitStatus.Vacant
                && !await db.PatrolTargets.AnyAsync(t => t.UnitId == unit.Id && t.Kind == PatrolTargetKind.VacantUnit && t.Active, cancellationToken))
            {
                db.PatrolTargets.Add(PatrolTarget.ForVacatedUnit(unit.EstateId, unit.Id, unit.Number, estate.Calendar(), now));
            }
        }

        db.AddIntegrationEvent(new ResidentMovedOut(
            Guid.CreateVersion7(now), now, resident.EstateId, correlation.CorrelationId, resident.UnitId, resident.Id, resident.Kind.ToString(),
            movedOutOn, UnitVacated: !someoneStays, readings is { } r ? new MeterReadings(r.Water, r.Electricity, r.Gas) : null));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(resident, scope));
    }

    public static async Task<Ok<ResidentResponse>> GetResident(Guid id, ReceptionDbContext db, EstateScope scope, CancellationToken cancellationToken) =>
        TypedResults.Ok(ToResponse(await db.Residents.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken)
            ?? throw new NotFoundException("Resident", id), scope));

    /// <summary>Residents of the caller's estates, newest first, keyset-paged; by estate or unit, and only those living there now.</summary>
    public static async Task<Ok<Page<ResidentResponse>>> ListResidents(
        ReceptionDbContext db, EstateScope scope, Guid? estateId, Guid? unitId, bool? current, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var query = db.Residents.AsNoTracking();
        query = estateId is null ? query : query.Where(r => r.EstateId == estateId);
        query = unitId is null ? query : query.Where(r => r.UnitId == unitId);
        query = current == true ? query.Where(r => r.MovedOutOn == null) : query;
        return TypedResults.Ok(await query.ToKeysetPageAsync(r => r.RecordedAt, r => r.Id, cursor, limit,
            r => ToResponse(r, scope), cancellationToken));
    }

    private static void EnsureNotAfterToday(Estate estate, DateOnly date, DateTimeOffset now, string field, string what)
    {
        var today = DateOnly.FromDateTime(estate.Calendar().ToLocal(now).DateTime);
        if (date > today)
        {
            throw new ValidationFailedException(field, $"{what} is recorded when it happens: not after today ({today:yyyy-MM-dd} in the estate).");
        }
    }

    private static (decimal Water, decimal Electricity, decimal? Gas) Readings(InputErrors errors, MeterReadingsInput? input, string field) =>
        (MeterReading(errors, input?.Water, $"{field}.water", required: true) ?? 0,
         MeterReading(errors, input?.Electricity, $"{field}.electricity", required: true) ?? 0,
         MeterReading(errors, input?.Gas, $"{field}.gas", required: false));

    /// <summary>A meter as read: 0 or more, at most three decimals (m³, kWh).</summary>
    internal static decimal? MeterReading(InputErrors errors, decimal? value, string field, bool required)
    {
        if (value is null && !required)
        {
            return null;
        }

        if (value is not { } reading || reading < 0 || reading > 10_000_000_000m || decimal.Round(reading, 3) != reading)
        {
            errors.Add(field, required
                ? "Required: the meter as read, 0 or more, at most three decimals."
                : "The meter as read, 0 or more, at most three decimals.");
            return 0;
        }

        return reading;
    }

    private static MoveInResponse ToResponse(MoveIn m, IEnumerable<Resident> residents, EstateScope scope) => new(
        m.Id, m.EstateId, m.UnitId, m.MovedInOn, m.DocumentsChecked, m.KeysHandedOver, m.WaterReading, m.ElectricityReading, m.GasReading,
        m.HandoverNotes, m.RecordedBy, m.RecordedAt, [.. residents.Select(r => ToResponse(r, scope))]);

    private static ResidentResponse ToResponse(Resident r, EstateScope scope) => new(
        r.Id, r.EstateId, r.UnitId, r.MoveInId, r.Kind, r.FullName, ReceptionRoles.ShownPhone(scope, r.Phone)!, r.MovedInOn, r.MovedOutOn);
}
