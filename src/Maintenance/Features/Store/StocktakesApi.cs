using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Maintenance.Data;
using PropertyPlatform.Maintenance.Domain;
using PropertyPlatform.Maintenance.Features.WorkOrders;
using PropertyPlatform.ServiceDefaults.Calendars;
using PropertyPlatform.ServiceDefaults.Data;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Maintenance.Features.Store;

/// <summary>Opens the stocktake of an estate-local month (<c>yyyy-MM</c>, this month or an earlier one).</summary>
public sealed record OpenStocktakeCommand(Guid? EstateId, string? Month);

/// <summary>One part counted: the physical quantity and, for a variance from the book, the explanation (required before posting).</summary>
public sealed record CountLineCommand(decimal? Counted, string? Explanation);

/// <summary>A part of the store in the stocktake: the book (at posting, once posted), the count if made, and the variance.</summary>
public sealed record StocktakeLineResponse(
    Guid PartId, string Code, string Name, string Unit, decimal Book, decimal? Counted, decimal? Variance, string? Explanation, bool NeedsExplanation);

public sealed record StocktakeResponse(
    Guid Id, Guid EstateId, string Month, StocktakeStatus Status, DateTimeOffset DueAt, bool Overdue, DateTimeOffset OpenedAt, DateTimeOffset? PostedAt,
    IReadOnlyList<StocktakeLineResponse> Lines);

/// <summary>
/// The monthly stocktake: opened per estate and month, every part counted, variances explained, posted by the 24th
/// (a deadline on the SLA engine, <see cref="StocktakeWatch"/>); posting makes the book equal to the count.
/// </summary>
public static class StocktakesApi
{
    public static RouteGroupBuilder MapStocktakesApi(this RouteGroupBuilder api)
    {
        var stocktakes = api.MapGroup("/store/stocktakes").WithTags("Spare-parts store");
        stocktakes.MapPost("/", Open).RequireRoles(MaintenanceRoles.Storekeepers);
        stocktakes.MapGet("/{id:guid}", Get).RequireRoles(MaintenanceRoles.Readers);
        stocktakes.MapGet("/", List).RequireRoles(MaintenanceRoles.Readers);
        stocktakes.MapPut("/{id:guid}/lines/{partId:guid}", Count).RequireRoles(MaintenanceRoles.Storekeepers);
        stocktakes.MapPost("/{id:guid}/post", Post).RequireRoles(MaintenanceRoles.Storekeepers);
        return stocktakes;
    }

    public static async Task<Created<StocktakeResponse>> Open(
        OpenStocktakeCommand command, MaintenanceDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estateId = errors.Id(command.EstateId, "estateId");
        var month = errors.Month(command.Month, "month");
        if (estateId != Guid.Empty)
        {
            scope.EnsureCanWrite(estateId);
        }

        var known = estateId == Guid.Empty ? null
            : await db.Set<KnownEstateCalendar>().AsNoTracking().SingleOrDefaultAsync(c => c.EstateId == estateId, cancellationToken);
        if (estateId != Guid.Empty && known is null)
        {
            errors.Add("estateId", "Reception has not announced this estate to maintenance yet: its calendar is unknown.");
        }

        var now = time.GetUtcNow();
        if (known is not null && month != default && month > FirstOfMonth(known.ToCalendar().LocalDay(now)))
        {
            errors.Add("month", "Must be this month or an earlier one: a store is not counted ahead.");
        }

        errors.ThrowIfAny();
        var stocktake = Stocktake.Open(estateId, month, known!.ToCalendar(), WorkOrdersApi.Caller(scope), now);
        db.Stocktakes.Add(stocktake);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            throw new ConflictException($"The estate's stocktake of {month:yyyy-MM} is open already.");
        }

        return TypedResults.Created($"/api/maintenance/store/stocktakes/{stocktake.Id}", await ResponseAsync(db, stocktake, now, cancellationToken));
    }

    public static async Task<Ok<StocktakeResponse>> Get(Guid id, MaintenanceDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var stocktake = await db.Stocktakes.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken) ?? throw new NotFoundException("Stocktake", id);
        return TypedResults.Ok(await ResponseAsync(db, stocktake, time.GetUtcNow(), cancellationToken));
    }

    /// <summary>Stocktakes of the caller's estates, latest month first (without their lines).</summary>
    public static async Task<Ok<Page<StocktakeResponse>>> List(
        MaintenanceDbContext db, TimeProvider time, Guid? estateId, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var query = db.Stocktakes.AsNoTracking();
        if (estateId is not null)
        {
            query = query.Where(s => s.EstateId == estateId);
        }

        return TypedResults.Ok(await query.ToKeysetPageAsync(s => s.OpenedAt, s => s.Id, cursor, limit, s => Summary(s, now, []), cancellationToken));
    }

    public static async Task<Ok<StocktakeResponse>> Count(
        Guid id, Guid partId, CountLineCommand command, MaintenanceDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var stocktake = await LoadForWriteAsync(id, db, scope, cancellationToken);
        var errors = new InputErrors();
        var counted = StoreApi.Quantity(errors, command.Counted, "counted", allowZero: true);
        var explanation = errors.OptionalText(command.Explanation, "explanation", maxLength: 2000);
        if (!await db.SpareParts.IgnoreQueryFilters().AnyAsync(p => p.Id == partId && p.EstateId == stocktake.EstateId, cancellationToken))
        {
            throw new NotFoundException("Part", partId);
        }

        errors.ThrowIfAny();
        var now = time.GetUtcNow();
        stocktake.Count(partId, counted, explanation, WorkOrdersApi.Caller(scope), now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await ResponseAsync(db, stocktake, now, cancellationToken));
    }

    /// <summary>Posts the count (every part counted, every variance explained, else 409): adjustment entries make the book equal to it.</summary>
    public static async Task<Ok<StocktakeResponse>> Post(Guid id, MaintenanceDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var stocktake = await LoadForWriteAsync(id, db, scope, cancellationToken);
        var parts = await db.SpareParts.IgnoreQueryFilters().Where(p => p.EstateId == stocktake.EstateId).OrderBy(p => p.Code).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        var by = WorkOrdersApi.Caller(scope);
        var wasLow = parts.ToDictionary(p => p.Id, p => p.IsLow);
        foreach (var adjustment in stocktake.Post(parts, by, now))
        {
            db.StockMovements.Add(adjustment);
        }

        foreach (var part in parts)
        {
            await StockAlerts.AfterChangeAsync(db, part, wasLow[part.Id], now, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await ResponseAsync(db, stocktake, now, cancellationToken));
    }

    private static async Task<Stocktake> LoadForWriteAsync(Guid id, MaintenanceDbContext db, EstateScope scope, CancellationToken cancellationToken)
    {
        var stocktake = await db.Stocktakes.IgnoreQueryFilters().SingleOrDefaultAsync(s => s.Id == id, cancellationToken)
            ?? throw new NotFoundException("Stocktake", id);
        scope.EnsureCanWrite(stocktake.EstateId);
        return stocktake;
    }

    private static async Task<StocktakeResponse> ResponseAsync(MaintenanceDbContext db, Stocktake stocktake, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var parts = await db.SpareParts.IgnoreQueryFilters().AsNoTracking()
            .Where(p => p.EstateId == stocktake.EstateId).OrderBy(p => p.Code).ToListAsync(cancellationToken);
        var lines = parts.Select(p =>
        {
            var line = stocktake.Lines.SingleOrDefault(l => l.PartId == p.Id);
            var book = line?.BookAtPosting ?? p.OnHand;
            var variance = line is null ? (decimal?)null : line.Counted - book;
            return new StocktakeLineResponse(p.Id, p.Code, p.Name, p.Unit, book, line?.Counted, variance, line?.Explanation,
                variance is not null and not 0 && line!.Explanation is null);
        }).ToList();
        return Summary(stocktake, now, lines);
    }

    private static StocktakeResponse Summary(Stocktake s, DateTimeOffset now, IReadOnlyList<StocktakeLineResponse> lines) => new(
        s.Id, s.EstateId, s.Month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), s.Status, s.Deadline.DueAt,
        (s.PostedAt ?? now) > s.Deadline.DueAt, s.OpenedAt, s.PostedAt, lines);

    private static DateOnly FirstOfMonth(DateOnly day) => new(day.Year, day.Month, 1);
}

/// <summary>The month's stocktake posted by the 24th; later is a breach to the maintenance supervisor, then the estate manager.</summary>
public sealed class StocktakeWatch : ServiceDefaults.Sla.ISlaWatch<MaintenanceDbContext>
{
    public const string Subject = "stocktake";

    public async Task<IReadOnlyList<ServiceDefaults.Sla.WatchedDeadline>> DueAsync(
        MaintenanceDbContext db, DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        var due = await ServiceDefaults.Sla.SlaWatchQueries.WithClockDueAsync(db.Stocktakes, s => s.Deadline, now, limit, cancellationToken);
        return [.. due.Select(s => new ServiceDefaults.Sla.WatchedDeadline(Subject, s.Id, s.EstateId, s.Id, StocktakeDeadline.Policy, s.Deadline)
        {
            Holder = PlatformRoles.MaintenanceSupervisor,
        })];
    }
}
