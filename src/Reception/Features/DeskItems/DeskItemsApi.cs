using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Reception.Features.DeskItems;

/// <summary>An item stored at (<c>stored</c>) or lent by (<c>lent</c>) the desk; a lent item has a due-back time.</summary>
public sealed record RecordDeskItemCommand(Guid? EstateId, Guid? UnitId, string? Kind, string? Description, string? Person, DateTimeOffset? DueBackAt);

/// <summary>Who collected or returned it.</summary>
public sealed record CloseDeskItemCommand(string? By);

public sealed record DeskItemResponse(
    Guid Id, Guid EstateId, Guid? UnitId, DeskItemKind Kind, string Description, string Person, DateTimeOffset At, DateTimeOffset? DueBackAt,
    DateTimeOffset? ClosedAt, string? ClosedWith, bool Overdue);

/// <summary>Items stored at or lent by the front desk (物品存放及外借): who, what, when, and when they came back.</summary>
public static class DeskItemsApi
{
    /// <summary>The longest loan or safekeeping agreed at the desk.</summary>
    public static readonly TimeSpan LongestTerm = TimeSpan.FromDays(90);

    public static RouteGroupBuilder MapDeskItemsApi(this RouteGroupBuilder api)
    {
        var items = api.MapGroup("/desk-items").WithTags("Items stored or lent").RequireRoles(ReceptionRoles.Desk);
        items.MapPost("/", RecordItem);
        items.MapGet("/", ListItems);
        items.MapGet("/{id:guid}", GetItem);
        items.MapPost("/{id:guid}/close", CloseItem);
        return api;
    }

    public static async Task<Created<DeskItemResponse>> RecordItem(
        RecordDeskItemCommand command, ReceptionDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var errors = new InputErrors();
        var estateId = errors.Id(command.EstateId, "estateId");
        var kind = errors.Enum<DeskItemKind>(command.Kind, "kind");
        var description = errors.Text(command.Description, "description", maxLength: 500, minLength: 2);
        var person = errors.Text(command.Person, "person", maxLength: 200);
        if (command.DueBackAt is { } due && (due <= now || due > now + LongestTerm))
        {
            errors.Add("dueBackAt", $"Must be in the future, within {LongestTerm.TotalDays} days.");
        }
        else if (command.DueBackAt is null && LocalInput.Names<DeskItemKind>(command.Kind) && kind == DeskItemKind.Lent)
        {
            errors.Add("dueBackAt", "Required for a loan: when it is due back.");
        }

        errors.ThrowIfAny();
        scope.EnsureCanWrite(estateId);
        if (command.UnitId is { } unitId && !await db.Units.AnyAsync(u => u.Id == unitId && u.EstateId == estateId, cancellationToken))
        {
            throw new ValidationFailedException("unitId", "No such unit in this estate.");
        }

        var item = DeskItem.Record(estateId, command.UnitId, kind, description, person, now, command.DueBackAt?.ToUniversalTime(), scope.Account());
        db.DeskItems.Add(item);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/reception/desk-items/{item.Id}", ToResponse(item, now));
    }

    /// <summary>An estate's items, newest first: by kind, only those still out (<c>open=true</c>), or only the overdue.</summary>
    public static async Task<Ok<Page<DeskItemResponse>>> ListItems(
        ReceptionDbContext db, TimeProvider time, Guid? estateId, string? kind, bool? open, bool? overdue, string? cursor, int? limit,
        CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var kindFilter = kind is null ? (DeskItemKind?)null : errors.Enum<DeskItemKind>(kind, "kind");
        errors.ThrowIfAny();
        var now = time.GetUtcNow();
        var query = db.DeskItems.AsNoTracking();
        query = estateId is null ? query : query.Where(i => i.EstateId == estateId);
        query = kindFilter is null ? query : query.Where(i => i.Kind == kindFilter);
        query = open is null ? query : query.Where(i => (i.ClosedAt == null) == open);
        query = overdue is true ? query.Where(i => i.ClosedAt == null && i.DueBackAt < now) : query;
        return TypedResults.Ok(await query.ToKeysetPageAsync(i => i.At, i => i.Id, cursor, limit, i => ToResponse(i, now), cancellationToken));
    }

    public static async Task<Ok<DeskItemResponse>> GetItem(Guid id, ReceptionDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
        TypedResults.Ok(ToResponse(await db.DeskItems.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken)
            ?? throw new NotFoundException("Desk item", id), time.GetUtcNow()));

    /// <summary>The item was collected (stored) or brought back (lent); a second time is a conflict.</summary>
    public static async Task<Ok<DeskItemResponse>> CloseItem(
        Guid id, CloseDeskItemCommand command, ReceptionDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var by = errors.Text(command.By, "by", maxLength: 200);
        errors.ThrowIfAny();
        var item = await db.DeskItems.SingleOrDefaultAsync(i => i.Id == id, cancellationToken) ?? throw new NotFoundException("Desk item", id);
        scope.EnsureCanWrite(item.EstateId);
        var now = time.GetUtcNow();
        item.Close(by, scope.Account(), now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(item, now));
    }

    private static DeskItemResponse ToResponse(DeskItem i, DateTimeOffset now) =>
        new(i.Id, i.EstateId, i.UnitId, i.Kind, i.Description, i.Person, i.At, i.DueBackAt, i.ClosedAt, i.ClosedWith, i.IsOverdue(now));
}
