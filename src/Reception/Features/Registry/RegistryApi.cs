using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Contracts.Reception;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Messaging;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Reception.Features.Registry;

public sealed record CreateEstateCommand(
    Guid? Id, string? Name, string? TimeZoneId, string? Currency, string? OpensAt, string? ClosesAt, string[]? WorkingDays);

public sealed record ChangeEstateCalendarCommand(string? TimeZoneId, string? OpensAt, string? ClosesAt, string[]? WorkingDays);

/// <summary>When the online service is staffed, every day, <c>HH:mm</c> estate-local.</summary>
public sealed record ChangeOnlineServiceHoursCommand(string? OpensAt, string? ClosesAt);

/// <summary>The share (0.10–1.00, at most two decimals) of other requests called back.</summary>
public sealed record ChangeCallbackSamplingCommand(decimal? Rate);

public sealed record EstateResponse(
    Guid Id, string Name, string TimeZoneId, string Currency, TimeOnly OpensAt, TimeOnly ClosesAt, IReadOnlyList<DayOfWeek> WorkingDays,
    TimeOnly OnlineServiceOpensAt, TimeOnly OnlineServiceClosesAt, decimal CallbackSampleRate);

public sealed record CreateBuildingCommand(string? Code, string? Name);

public sealed record BuildingResponse(Guid Id, Guid EstateId, string Code, string Name);

public sealed record RegisterUnitCommand(Guid? EstateId, Guid? BuildingId, string? Number, int? Floor, decimal? FloorArea, string? Usage, string? Status);

public sealed record UnitResponse(
    Guid Id, Guid EstateId, Guid BuildingId, string BuildingCode, string Number, int Floor, decimal FloorArea, UnitUsage Usage, UnitStatus Status);

/// <summary>
/// The registry: estates (group admins), their buildings and units (the estate's front desk and manager). Everyone on
/// the estate's staff reads it; billing, security and maintenance use it to know what exists.
/// </summary>
public static class RegistryApi
{
    /// <summary>The most ids one lookup takes: a page of the longest list.</summary>
    public const int MaxIds = 100;

    public static RouteGroupBuilder MapRegistryApi(this RouteGroupBuilder api)
    {
        var estates = api.MapGroup("/estates").WithTags("Registry");
        estates.MapPost("/", CreateEstate).RequireAuthorization(policy => policy.RequireRole(PlatformRoles.GroupAdmin));
        estates.MapPut("/{estateId:guid}/calendar", ChangeCalendar).RequireRoles(PlatformRoles.EstateManager, PlatformRoles.GroupAdmin);
        estates.MapPut("/{estateId:guid}/online-service-hours", ChangeOnlineServiceHours).RequireRoles(PlatformRoles.EstateManager, PlatformRoles.GroupAdmin);
        estates.MapPut("/{estateId:guid}/callback-sampling", ChangeCallbackSampling).RequireRoles(PlatformRoles.EstateManager, PlatformRoles.GroupAdmin);
        estates.MapGet("/{id:guid}", GetEstate).RequireRoles([.. PlatformRoles.Staff]);
        estates.MapGet("/", ListEstates).RequireRoles([.. PlatformRoles.Staff]);
        estates.MapPost("/{estateId:guid}/buildings", CreateBuilding).RequireRoles(ReceptionRoles.RegistryKeepers);
        estates.MapGet("/{estateId:guid}/buildings", ListBuildings).RequireRoles([.. PlatformRoles.Staff]);

        var units = api.MapGroup("/units").WithTags("Registry");
        units.MapPost("/", RegisterUnit).RequireRoles(ReceptionRoles.RegistryKeepers);
        units.MapGet("/mine", OwnUnits.ListOwnUnits).RequireRoles(PlatformRoles.Owner);
        units.MapGet("/{id:guid}", GetUnit).RequireRoles([.. PlatformRoles.Staff]);
        units.MapGet("/", ListUnits).RequireRoles([.. PlatformRoles.Staff]);
        return api;
    }

    /// <summary>A new estate of the group (group admins only), announced to every service (<see cref="EstateRegistered"/>).</summary>
    public static async Task<Created<EstateResponse>> CreateEstate(
        CreateEstateCommand command, ReceptionDbContext db, TimeProvider time, CorrelationContext correlation, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var name = errors.Text(command.Name, "name", maxLength: 200);
        if (command.Id == Guid.Empty)
        {
            errors.Add("id", "Leave the id out to have one assigned; an empty id is not an estate.");
        }

        var currency = command.Currency?.Trim() ?? "";
        if (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper))
        {
            errors.Add("currency", "Must be an ISO 4217 code of three capital letters, e.g. CNY.");
        }

        var (timeZoneId, opensAt, closesAt, days) = RegistryRules.Calendar(errors, command.TimeZoneId, command.OpensAt, command.ClosesAt, command.WorkingDays);
        errors.ThrowIfAny();
        if (await db.Estates.AnyAsync(e => e.Name == name || e.Id == command.Id, cancellationToken))
        {
            throw new ConflictException($"An estate named '{name}' (or with that id) exists already.");
        }

        var now = time.GetUtcNow();
        var estate = Estate.Create(command.Id ?? Guid.CreateVersion7(now), name, timeZoneId, currency, opensAt, closesAt, days, now);
        db.Estates.Add(estate);
        estate.MarkAnnounced(now);
        db.AddIntegrationEvent(RegistryRules.Registered(estate, now, correlation.CorrelationId));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/reception/estates/{estate.Id}", ToResponse(estate));
    }

    /// <summary>
    /// New working hours, working days or time zone for an estate (its manager or a group admin), announced to every
    /// service (<see cref="EstateCalendarChanged"/>). The currency is not part of it: what was billed stays in it.
    /// </summary>
    public static async Task<Ok<EstateResponse>> ChangeCalendar(
        Guid estateId, ChangeEstateCalendarCommand command, ReceptionDbContext db, EstateScope scope, TimeProvider time,
        CorrelationContext correlation, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var (timeZoneId, opensAt, closesAt, days) = RegistryRules.Calendar(errors, command.TimeZoneId, command.OpensAt, command.ClosesAt, command.WorkingDays);
        errors.ThrowIfAny();
        scope.EnsureCanWrite(estateId);
        var estate = await db.Estates.SingleOrDefaultAsync(e => e.Id == estateId, cancellationToken) ?? throw new NotFoundException("Estate", estateId);
        var now = time.GetUtcNow();
        estate.ChangeCalendar(timeZoneId, opensAt, closesAt, days);
        estate.MarkAnnounced(now);
        db.AddIntegrationEvent(RegistryRules.CalendarChanged(estate, now, correlation.CorrelationId));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(estate));
    }

    /// <summary>The estate's staffed hours of the online service (default 08:00–22:00); messages after them wait for the morning.</summary>
    public static async Task<Ok<EstateResponse>> ChangeOnlineServiceHours(
        Guid estateId, ChangeOnlineServiceHoursCommand command, ReceptionDbContext db, EstateScope scope, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var opensAt = errors.TimeOfDay(command.OpensAt, "opensAt");
        var closesAt = errors.TimeOfDay(command.ClosesAt, "closesAt");
        if (opensAt is not null && closesAt <= opensAt)
        {
            errors.Add("closesAt", "Must be after opensAt, the same day.");
        }

        errors.ThrowIfAny();
        scope.EnsureCanWrite(estateId);
        var estate = await db.Estates.SingleOrDefaultAsync(e => e.Id == estateId, cancellationToken) ?? throw new NotFoundException("Estate", estateId);
        estate.ChangeOnlineServiceHours(opensAt!.Value, closesAt!.Value);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(estate));
    }

    /// <summary>The estate manager may call back more than the group's 10 % of other requests, never less.</summary>
    public static async Task<Ok<EstateResponse>> ChangeCallbackSampling(
        Guid estateId, ChangeCallbackSamplingCommand command, ReceptionDbContext db, EstateScope scope, CancellationToken cancellationToken)
    {
        if (command.Rate is not { } rate || rate < CallbackSampler.Rate || rate > 1m || decimal.Round(rate, 2) != rate)
        {
            throw new ValidationFailedException("rate", $"Required: from {CallbackSampler.Rate:0.00} (the group's standard) to 1.00, at most two decimals.");
        }

        scope.EnsureCanWrite(estateId);
        var estate = await db.Estates.SingleOrDefaultAsync(e => e.Id == estateId, cancellationToken) ?? throw new NotFoundException("Estate", estateId);
        estate.ChangeCallbackSampleRate(rate);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(estate));
    }

    public static async Task<Ok<EstateResponse>> GetEstate(Guid id, ReceptionDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(ToResponse(await db.Estates.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken)
            ?? throw new NotFoundException("Estate", id)));

    /// <summary>The estates the caller works in (all of them for group roles).</summary>
    public static async Task<Ok<Page<EstateResponse>>> ListEstates(ReceptionDbContext db, string? cursor, int? limit, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.Estates.AsNoTracking().ToKeysetPageAsync(e => e.CreatedAt, e => e.Id, cursor, limit, ToResponse, cancellationToken));

    public static async Task<Created<BuildingResponse>> CreateBuilding(
        Guid estateId, CreateBuildingCommand command, ReceptionDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var code = errors.Text(command.Code, "code", maxLength: 32);
        var name = errors.Text(command.Name, "name", maxLength: 200);
        errors.ThrowIfAny();
        scope.EnsureCanWrite(estateId);
        _ = await db.Estates.AsNoTracking().SingleOrDefaultAsync(e => e.Id == estateId, cancellationToken) ?? throw new NotFoundException("Estate", estateId);
        if (await db.Buildings.AnyAsync(b => b.EstateId == estateId && b.Code == code, cancellationToken))
        {
            throw new ConflictException($"Building '{code}' exists already in this estate.");
        }

        var building = Building.Create(estateId, code, name, time.GetUtcNow());
        db.Buildings.Add(building);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/reception/estates/{estateId}/buildings", ToResponse(building));
    }

    public static async Task<Ok<Page<BuildingResponse>>> ListBuildings(
        Guid estateId, ReceptionDbContext db, string? cursor, int? limit, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.Buildings.AsNoTracking().Where(b => b.EstateId == estateId)
            .ToKeysetPageAsync(b => b.CreatedAt, b => b.Id, cursor, limit, ToResponse, cancellationToken));

    /// <summary>Registers a unit in a building of the estate and announces it (<see cref="UnitRegistered"/>).</summary>
    public static async Task<Created<UnitResponse>> RegisterUnit(
        RegisterUnitCommand command, ReceptionDbContext db, EstateScope scope, TimeProvider time, CorrelationContext correlation, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estateId = errors.Id(command.EstateId, "estateId");
        var buildingId = errors.Id(command.BuildingId, "buildingId");
        var (number, floor, floorArea, usage, status) = RegistryRules.Unit(
            errors, command.Number, command.Floor, command.FloorArea, command.Usage, command.Status);
        errors.ThrowIfAny();
        scope.EnsureCanWrite(estateId);
        // The building's code answers the request too: one read checks it exists and gives the code.
        var buildingCode = await db.Buildings.Where(b => b.Id == buildingId && b.EstateId == estateId).Select(b => b.Code)
            .SingleOrDefaultAsync(cancellationToken) ?? throw new ValidationFailedException("buildingId", "No such building in this estate.");
        if (await db.Units.AnyAsync(u => u.BuildingId == buildingId && u.Number == number, cancellationToken))
        {
            throw new ConflictException($"Unit '{number}' exists already in this building.");
        }

        var now = time.GetUtcNow();
        var unit = Unit.Register(estateId, buildingId, number, floor, floorArea, usage, status, now);
        db.Units.Add(unit);
        db.AddIntegrationEvent(RegistryRules.Registered(unit, now, correlation.CorrelationId));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/reception/units/{unit.Id}", ToResponse(unit, buildingCode));
    }

    public static async Task<Ok<UnitResponse>> GetUnit(Guid id, ReceptionDbContext db, CancellationToken cancellationToken)
    {
        var unit = await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, cancellationToken) ?? throw new NotFoundException("Unit", id);
        return TypedResults.Ok((await WithBuildingCodesAsync(db, [unit], cancellationToken)).Single());
    }

    /// <summary>
    /// Units of the caller's estates, keyset-paged; by estate, building or status, by the start of their number (a unit
    /// field where the clerk types <c>15</c> for 1502), or the given ids (a page labelling its rows). Newest registered
    /// first, except with <c>number</c>: then in number order, shorter numbers first, then by number ignoring case, then by
    /// id (typing <c>10</c> gives 101, 102, …, then 1001, …), so the first page holds the nearest matches.
    /// </summary>
    public static async Task<Ok<Page<UnitResponse>>> ListUnits(
        ReceptionDbContext db, Guid? estateId, Guid? buildingId, string? status, string? number, string? ids, string? cursor, int? limit,
        CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        UnitStatus? statusFilter = status is null ? null : errors.Enum<UnitStatus>(status, "status");
        // Typed characters match themselves: LIKE's wildcards and its escape character are escaped.
        var numberLike = number is null ? null
            : Regex.Replace(errors.Text(number, "number", maxLength: 32).ToLowerInvariant(), @"[\\%_]", @"\$0") + "%";
        var idFilter = ids is null ? null : errors.IdList(ids, "ids", MaxIds);
        errors.ThrowIfAny();
        var query = db.Units.AsNoTracking();
        query = estateId is null ? query : query.Where(u => u.EstateId == estateId);
        query = buildingId is null ? query : query.Where(u => u.BuildingId == buildingId);
        query = statusFilter is null ? query : query.Where(u => u.Status == statusFilter);
        // lower(number) LIKE 'x%': the index ix_units_estate_id_number_prefix (estate_id, lower(number) text_pattern_ops) finds them.
#pragma warning disable CA1304, CA1311 // Translated to PostgreSQL's lower(), which the index is built on; no .NET culture is involved.
        query = numberLike is null ? query : query.Where(u => EF.Functions.Like(u.Number.ToLower(), numberLike, @"\"));
#pragma warning restore CA1304, CA1311
        query = idFilter is null ? query : query.Where(u => idFilter.Contains(u.Id));
        // A number typed is searched in number order (101 before 1001), so a field offering the first few offers the nearest.
#pragma warning disable CA1304, CA1311 // As above: PostgreSQL's lower().
        var page = numberLike is null
            ? await query.ToKeysetPageAsync(u => u.RegisteredAt, u => u.Id, cursor, limit, u => u, cancellationToken)
            : await query.ToNumberOrderKeysetPageAsync(u => u.Number.ToLower(), u => u.Id, cursor, limit, u => u, cancellationToken);
#pragma warning restore CA1304, CA1311
        return TypedResults.Ok(new Page<UnitResponse>(await WithBuildingCodesAsync(db, page.Items, cancellationToken), page.NextCursor));
    }

    /// <summary>The units with their buildings' codes, read in one query for all of them.</summary>
    private static async Task<List<UnitResponse>> WithBuildingCodesAsync(ReceptionDbContext db, IReadOnlyList<Unit> units, CancellationToken cancellationToken)
    {
        var buildingIds = units.Select(u => u.BuildingId).Distinct().ToList();
        var codes = await db.Buildings.AsNoTracking().Where(b => buildingIds.Contains(b.Id)).ToDictionaryAsync(b => b.Id, b => b.Code, cancellationToken);
        return [.. units.Select(u => ToResponse(u, codes[u.BuildingId]))];
    }

    private static UnitResponse ToResponse(Unit u, string buildingCode) =>
        new(u.Id, u.EstateId, u.BuildingId, buildingCode, u.Number, u.Floor, u.FloorArea, u.Usage, u.Status);

    private static EstateResponse ToResponse(Estate e) =>
        new(e.Id, e.Name, e.TimeZoneId, e.Currency, e.OpensAt, e.ClosesAt, e.WorkingDays, e.OnlineServiceHours.Opens, e.OnlineServiceHours.Closes, e.SampleRate);

    private static BuildingResponse ToResponse(Building b) => new(b.Id, b.EstateId, b.Code, b.Name);
}
