using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Maintenance.Data;
using PropertyPlatform.Maintenance.Domain;
using PropertyPlatform.Maintenance.Features.WorkOrders;
using PropertyPlatform.ServiceDefaults.Data;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Maintenance.Features.Facilities;

/// <summary>Registers equipment; <c>spareForAssetId</c> makes it a spare or backup unit of another asset of the estate.</summary>
public sealed record RegisterAssetCommand(
    Guid? EstateId, string? Code, string? Name, string? System, string? Location, string? Vendor, string? Model, DateOnly? InstalledOn,
    Guid? SpareForAssetId);

/// <summary>An asset; <c>historyLink</c> lists the work orders done on it, <c>spareIds</c> its spare or backup units.</summary>
public sealed record AssetResponse(
    Guid Id, Guid EstateId, string Code, string Name, FacilitySystem System, string Location, string? Vendor, string? Model, DateOnly? InstalledOn,
    Guid? SpareForAssetId, IReadOnlyList<Guid> SpareIds, int WorkOrderCount, DateTimeOffset? LastWorkOrderAt, string HistoryLink);

/// <summary>
/// The facilities register: equipment per estate by system (water, power, HVAC, elevators, fire, CCTV), where it is, who
/// services it, its spare units and its service history (the work orders opened against it, by id or by its label code).
/// </summary>
public static class FacilitiesApi
{
    public static RouteGroupBuilder MapFacilitiesApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/assets").WithTags("Facilities");
        group.MapPost("/", Register).RequireRoles(MaintenanceRoles.Dispatchers);
        group.MapGet("/{id:guid}", Get).RequireRoles(MaintenanceRoles.Readers);
        group.MapGet("/by-code/{code}", GetByCode).RequireRoles(MaintenanceRoles.Readers);
        group.MapGet("/", List).RequireRoles(MaintenanceRoles.Readers);
        return group;
    }

    public static async Task<Created<AssetResponse>> Register(
        RegisterAssetCommand command, MaintenanceDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estateId = errors.Id(command.EstateId, "estateId");
        var code = errors.Text(command.Code, "code", maxLength: 40);
        if (code.Length > 0 && !code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            errors.Add("code", "Letters, digits, '-', '_' and '.' only: it is printed on a label and typed by hand.");
        }

        var name = errors.Text(command.Name, "name", maxLength: 200);
        var system = errors.Enum<FacilitySystem>(command.System, "system");
        var location = errors.Text(command.Location, "location", maxLength: 200);
        var vendor = command.Vendor is null ? null : errors.Text(command.Vendor, "vendor", maxLength: 200);
        var model = command.Model is null ? null : errors.Text(command.Model, "model", maxLength: 200);
        if (command.SpareForAssetId is { } primaryId
            && !await db.Assets.IgnoreQueryFilters().AnyAsync(a => a.Id == primaryId && a.EstateId == estateId, cancellationToken))
        {
            errors.Add("spareForAssetId", "No such asset in this estate's facilities register.");
        }

        errors.ThrowIfAny();
        scope.EnsureCanWrite(estateId);
        var asset = Asset.Register(
            estateId, code, name, system, location, vendor, model, command.InstalledOn, command.SpareForAssetId, WorkOrdersApi.Caller(scope), time.GetUtcNow());
        db.Assets.Add(asset);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            throw new ValidationFailedException(new Dictionary<string, string[]> { ["code"] = [$"'{asset.Code}' is already the code of another asset in this estate."] });
        }

        return TypedResults.Created($"/api/maintenance/assets/{asset.Id}", await ResponseAsync(db, asset, cancellationToken));
    }

    public static async Task<Ok<AssetResponse>> Get(Guid id, MaintenanceDbContext db, CancellationToken cancellationToken)
    {
        var asset = await db.Assets.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken) ?? throw new NotFoundException("Asset", id);
        return TypedResults.Ok(await ResponseAsync(db, asset, cancellationToken));
    }

    /// <summary>The asset whose label carries <paramref name="code"/>: what a technician scans or types to report a fault on it.</summary>
    public static async Task<Ok<AssetResponse>> GetByCode(string code, Guid? estateId, MaintenanceDbContext db, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estate = errors.Id(estateId, "estateId");
        errors.ThrowIfAny();
        var normalized = Asset.NormalizeCode(code);
        var asset = await db.Assets.AsNoTracking().SingleOrDefaultAsync(a => a.EstateId == estate && a.Code == normalized, cancellationToken)
            ?? throw new NotFoundException("Asset", normalized);
        return TypedResults.Ok(await ResponseAsync(db, asset, cancellationToken));
    }

    /// <summary>The register of the caller's estates by code, optionally one estate and one system, keyset-paged.</summary>
    public static async Task<Ok<Page<AssetResponse>>> List(
        MaintenanceDbContext db, Guid? estateId, string? system, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        FacilitySystem? systemFilter = system is null ? null : errors.Enum<FacilitySystem>(system, "system");
        errors.ThrowIfAny();
        var query = db.Assets.AsNoTracking();
        if (estateId is not null)
        {
            query = query.Where(a => a.EstateId == estateId);
        }

        if (systemFilter is not null)
        {
            query = query.Where(a => a.System == systemFilter);
        }

        var page = await query.ToKeysetPageAsync(a => a.CreatedAt, a => a.Id, cursor, limit, a => a, cancellationToken);
        var ids = page.Items.Select(a => a.Id).ToList();
        var spares = (await db.Assets.IgnoreQueryFilters().AsNoTracking().Where(s => s.SpareForAssetId != null && ids.Contains(s.SpareForAssetId.Value))
            .Select(s => new { s.SpareForAssetId, s.Id }).ToListAsync(cancellationToken)).ToLookup(s => s.SpareForAssetId!.Value, s => s.Id);
        var history = await db.WorkOrders.IgnoreQueryFilters().AsNoTracking().Where(w => w.AssetId != null && ids.Contains(w.AssetId.Value))
            .GroupBy(w => w.AssetId!.Value).Select(g => new { AssetId = g.Key, Count = g.Count(), Last = g.Max(w => w.CreatedAt) })
            .ToDictionaryAsync(h => h.AssetId, cancellationToken);
        var items = page.Items.Select(a => Response(a, [.. spares[a.Id]], history.GetValueOrDefault(a.Id)?.Count ?? 0, history.GetValueOrDefault(a.Id)?.Last))
            .ToList();
        return TypedResults.Ok(new Page<AssetResponse>(items, page.NextCursor));
    }

    private static async Task<AssetResponse> ResponseAsync(MaintenanceDbContext db, Asset a, CancellationToken cancellationToken)
    {
        var spares = await db.Assets.IgnoreQueryFilters().AsNoTracking().Where(s => s.SpareForAssetId == a.Id).Select(s => s.Id)
            .ToListAsync(cancellationToken);
        var history = db.WorkOrders.IgnoreQueryFilters().AsNoTracking().Where(w => w.AssetId == a.Id);
        return Response(a, spares, await history.CountAsync(cancellationToken), await history.MaxAsync(w => (DateTimeOffset?)w.CreatedAt, cancellationToken));
    }

    private static AssetResponse Response(Asset a, IReadOnlyList<Guid> spares, int workOrders, DateTimeOffset? lastWorkOrderAt) => new(
        a.Id, a.EstateId, a.Code, a.Name, a.System, a.Location, a.Vendor, a.Model, a.InstalledOn, a.SpareForAssetId, spares, workOrders, lastWorkOrderAt,
        $"/api/maintenance/work-orders?assetId={a.Id}");
}
