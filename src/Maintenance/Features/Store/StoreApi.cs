using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Maintenance.Data;
using PropertyPlatform.Maintenance.Domain;
using PropertyPlatform.Maintenance.Features.WorkOrders;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Maintenance.Features.Store;

/// <summary>A part of the estate's store: <c>code</c> (letters, digits, dashes), <c>unit</c> (pcs, m, kg...) and the reorder level in that unit.</summary>
public sealed record CreatePartCommand(Guid? EstateId, string? Code, string? Name, string? Unit, decimal? ReorderLevel);

public sealed record ChangeReorderLevelCommand(decimal? ReorderLevel);

/// <summary>Goods received: the quantity in the part's unit and the delivery note or supplier reference.</summary>
public sealed record ReceiveStockCommand(decimal? Quantity, string? Note);

/// <summary>What the receipt should have said, and why it was wrong.</summary>
public sealed record CorrectReceiptCommand(decimal? Quantity, string? Reason);

public sealed record PartResponse(
    Guid Id, Guid EstateId, string Code, string Name, string Unit, decimal ReorderLevel, decimal OnHand, bool Low, DateTimeOffset CreatedAt)
{
    public static PartResponse From(SparePart p) => new(p.Id, p.EstateId, p.Code, p.Name, p.Unit, p.ReorderLevel, p.OnHand, p.IsLow, p.CreatedAt);
}

public sealed record StockMovementResponse(
    Guid Id, Guid EstateId, Guid PartId, int Number, StockMovementKind Kind, decimal Quantity, decimal BalanceAfter, Guid? WorkOrderId,
    Guid? StocktakeId, Guid? CorrectsId, string? Note, DateTimeOffset At, string By, string ByName)
{
    public static StockMovementResponse From(StockMovement m) => new(
        m.Id, m.EstateId, m.PartId, m.Number, m.Kind, m.Quantity, m.BalanceAfter, m.WorkOrderId, m.StocktakeId, m.CorrectsId, m.Note, m.At, m.By, m.ByName);
}

/// <summary>
/// The spare-parts store: the parts catalogue per estate, goods received, the stock book of every movement (entries are
/// only added; a wrong receipt is corrected by a new entry), and the parts below their reorder level. Parts go out
/// against work orders through the completion's parts used (<see cref="WorkOrderParts"/>).
/// </summary>
public static class StoreApi
{
    public static RouteGroupBuilder MapStoreApi(this RouteGroupBuilder api)
    {
        var store = api.MapGroup("/store").WithTags("Spare-parts store");
        store.MapPost("/parts", CreatePart).RequireRoles(MaintenanceRoles.Storekeepers);
        store.MapGet("/parts/{id:guid}", GetPart).RequireRoles(MaintenanceRoles.Readers);
        store.MapGet("/parts", ListParts).RequireRoles(MaintenanceRoles.Readers);
        store.MapPost("/parts/{id:guid}/reorder-level", ChangeReorderLevel).RequireRoles(MaintenanceRoles.Storekeepers);
        store.MapPost("/parts/{id:guid}/receipts", Receive).RequireRoles(MaintenanceRoles.Storekeepers);
        store.MapGet("/movements", ListMovements).RequireRoles(MaintenanceRoles.Readers);
        store.MapPost("/movements/{id:guid}/corrections", CorrectReceipt).RequireRoles(MaintenanceRoles.Storekeepers);
        return store;
    }

    public static async Task<Created<PartResponse>> CreatePart(
        CreatePartCommand command, MaintenanceDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estateId = errors.Id(command.EstateId, "estateId");
        var code = errors.Text(command.Code, "code", maxLength: 40);
        if (command.Code is not null && !PartCodes.IsValid(SparePart.NormalizeCode(command.Code)))
        {
            errors.Add("code", "Letters, digits and dashes only, starting with a letter or digit.");
        }

        var name = errors.Text(command.Name, "name", maxLength: 200);
        var unit = errors.Text(command.Unit, "unit", maxLength: 16);
        var reorderLevel = Quantity(errors, command.ReorderLevel, "reorderLevel", allowZero: true);
        if (estateId != Guid.Empty)
        {
            scope.EnsureCanWrite(estateId);
            var normalized = SparePart.NormalizeCode(code);
            if (await db.SpareParts.IgnoreQueryFilters().AnyAsync(p => p.EstateId == estateId && p.Code == normalized, cancellationToken))
            {
                errors.Add("code", $"The estate's store already has a part {normalized}.");
            }
        }

        errors.ThrowIfAny();
        var part = SparePart.Create(estateId, code, name, unit, reorderLevel, WorkOrdersApi.Caller(scope), time.GetUtcNow());
        db.SpareParts.Add(part);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/maintenance/store/parts/{part.Id}", PartResponse.From(part));
    }

    public static async Task<Ok<PartResponse>> GetPart(Guid id, MaintenanceDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(PartResponse.From(await db.SpareParts.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken)
            ?? throw new NotFoundException("Part", id)));

    /// <summary>The catalogue of the caller's estates by code; <c>low=true</c>: only the parts below their reorder level (what to reorder).</summary>
    public static async Task<Ok<Page<PartResponse>>> ListParts(
        MaintenanceDbContext db, Guid? estateId, bool? low, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var query = db.SpareParts.AsNoTracking();
        if (estateId is not null)
        {
            query = query.Where(p => p.EstateId == estateId);
        }

        if (low == true)
        {
            query = query.Where(p => p.OnHand < p.ReorderLevel);
        }

        return TypedResults.Ok(await query.ToKeysetPageAsync(p => p.CreatedAt, p => p.Id, cursor, limit, PartResponse.From, cancellationToken));
    }

    public static async Task<Ok<PartResponse>> ChangeReorderLevel(
        Guid id, ChangeReorderLevelCommand command, MaintenanceDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var part = await LoadForWriteAsync(id, db, scope, cancellationToken);
        var errors = new InputErrors();
        var level = Quantity(errors, command.ReorderLevel, "reorderLevel", allowZero: true);
        errors.ThrowIfAny();
        var wasLow = part.IsLow;
        part.ChangeReorderLevel(level);
        await StockAlerts.AfterChangeAsync(db, part, wasLow, time.GetUtcNow(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(PartResponse.From(part));
    }

    public static async Task<Created<StockMovementResponse>> Receive(
        Guid id, ReceiveStockCommand command, MaintenanceDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var part = await LoadForWriteAsync(id, db, scope, cancellationToken);
        var errors = new InputErrors();
        var quantity = Quantity(errors, command.Quantity, "quantity", allowZero: false);
        var note = errors.OptionalText(command.Note, "note", maxLength: 2000);
        errors.ThrowIfAny();
        var movement = await StockAlerts.PostAsync(db, part, p => p.Receive(quantity, note, WorkOrdersApi.Caller(scope), time.GetUtcNow()), time, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/maintenance/store/movements?partId={part.Id}", StockMovementResponse.From(movement!));
    }

    /// <summary>The stock book of the caller's estates, newest entry first: of one part, of one work order, or of one stocktake.</summary>
    public static async Task<Ok<Page<StockMovementResponse>>> ListMovements(
        MaintenanceDbContext db, Guid? estateId, Guid? partId, Guid? workOrderId, Guid? stocktakeId, string? cursor, int? limit,
        CancellationToken cancellationToken)
    {
        var query = db.StockMovements.AsNoTracking();
        if (estateId is not null)
        {
            query = query.Where(m => m.EstateId == estateId);
        }

        if (partId is not null)
        {
            query = query.Where(m => m.PartId == partId);
        }

        if (workOrderId is not null)
        {
            query = query.Where(m => m.WorkOrderId == workOrderId);
        }

        if (stocktakeId is not null)
        {
            query = query.Where(m => m.StocktakeId == stocktakeId);
        }

        return TypedResults.Ok(await query.ToKeysetPageAsync(m => m.At, m => m.Id, cursor, limit, StockMovementResponse.From, cancellationToken));
    }

    /// <summary>A receipt booked wrong: a correction entry brings it to the right quantity; the receipt itself is never changed.</summary>
    public static async Task<Created<StockMovementResponse>> CorrectReceipt(
        Guid id, CorrectReceiptCommand command, MaintenanceDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var receipt = await db.StockMovements.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken)
            ?? throw new NotFoundException("Stock movement", id);
        var part = await LoadForWriteAsync(receipt.PartId, db, scope, cancellationToken);
        var errors = new InputErrors();
        var quantity = Quantity(errors, command.Quantity, "quantity", allowZero: true);
        var reason = errors.Text(command.Reason, "reason", maxLength: 2000);
        errors.ThrowIfAny();
        var corrected = await db.StockMovements.IgnoreQueryFilters().Where(m => m.CorrectsId == receipt.Id).SumAsync(m => m.Quantity, cancellationToken);
        var movement = await StockAlerts.PostAsync(
            db, part, p => p.Correct(receipt, corrected, quantity, reason, WorkOrdersApi.Caller(scope), time.GetUtcNow()), time, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/maintenance/store/movements?partId={part.Id}", StockMovementResponse.From(movement!));
    }

    /// <summary>The part, tracked, for a write: 404 when unknown, 403 in another estate.</summary>
    internal static async Task<SparePart> LoadForWriteAsync(Guid id, MaintenanceDbContext db, EstateScope scope, CancellationToken cancellationToken)
    {
        var part = await db.SpareParts.IgnoreQueryFilters().SingleOrDefaultAsync(p => p.Id == id, cancellationToken)
            ?? throw new NotFoundException("Part", id);
        scope.EnsureCanWrite(part.EstateId);
        return part;
    }

    /// <summary>A quantity in a part's unit: positive (or zero where allowed), at most <see cref="SparePart.MaxQuantity"/>, at most 3 decimals.</summary>
    internal static decimal Quantity(InputErrors errors, decimal? value, string field, bool allowZero)
    {
        if (value is null || value < 0 || (value == 0 && !allowZero) || value > SparePart.MaxQuantity)
        {
            errors.Add(field, $"Required: {(allowZero ? "0" : "more than 0")} to {SparePart.MaxQuantity}.");
            return 0;
        }

        if (decimal.Round(value.Value, 3) != value)
        {
            errors.Add(field, "At most 3 decimals.");
        }

        return value.Value;
    }
}

internal static partial class PartCodes
{
    public static bool IsValid(string code) => Pattern().IsMatch(code);

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Z0-9][A-Z0-9-]*$")]
    private static partial System.Text.RegularExpressions.Regex Pattern();
}
