using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.ServiceDefaults.Data;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Reception.Features.Listings;

/// <summary>
/// A unit to let (<c>rent</c>, the asking price per month) or sell (<c>sale</c>, the total), in the estate's currency.
/// The desk names the owner on the roster; an owner lists their own unit and is the owner.
/// </summary>
public sealed record CreateListingCommand(Guid? EstateId, Guid? UnitId, Guid? OwnerId, string? Kind, decimal? AskingPrice, string? Notes);

public sealed record ListingFollowUpCommand(string? Note);

/// <summary><c>outcome</c>: <c>let</c> (a rental), <c>sold</c> (a sale) or <c>withdrawn</c>.</summary>
public sealed record CloseListingCommand(string? Outcome, string? Note);

public sealed record ListingFollowUpResponse(string Note, string By, DateTimeOffset At);

public sealed record ListingResponse(
    Guid Id, Guid EstateId, Guid UnitId, Guid OwnerId, ListingKind Kind, decimal AskingPrice, string Currency, string? Notes, ListingStatus Status,
    ListingOutcome? Outcome, DateTimeOffset ListedAt, DateTimeOffset? ClosedAt, IReadOnlyList<ListingFollowUpResponse> FollowUps);

/// <summary>
/// Owners' rental and sale listings entrusted to the front desk (委托租售): listed, followed up, closed. Owners list
/// and read their own units' listings; the desk follows them up and closes them.
/// </summary>
public static class ListingsApi
{
    /// <summary>A sale price no flat here reaches; a typing slip beyond it is refused.</summary>
    private const decimal MaxAskingPrice = 1_000_000_000m;

    public static RouteGroupBuilder MapListingsApi(this RouteGroupBuilder api)
    {
        var listings = api.MapGroup("/listings").WithTags("Rental and sale listings");
        listings.MapPost("/", Create).RequireRoles(ReceptionRoles.RequestRecorders);
        listings.MapGet("/", List).RequireRoles(ReceptionRoles.RequestRecorders);
        listings.MapGet("/{id:guid}", Get).RequireRoles(ReceptionRoles.RequestRecorders);
        listings.MapPost("/{id:guid}/follow-ups", FollowUp).RequireRoles(ReceptionRoles.Desk);
        listings.MapPost("/{id:guid}/close", Close).RequireRoles(ReceptionRoles.Desk);
        return api;
    }

    public static async Task<Created<ListingResponse>> Create(
        CreateListingCommand command, ReceptionDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estateId = errors.Id(command.EstateId, "estateId");
        var unitId = errors.Id(command.UnitId, "unitId");
        var kind = errors.Enum<ListingKind>(command.Kind, "kind");
        var notes = errors.OptionalText(command.Notes, "notes", maxLength: 2000);
        var ownerId = scope.IsOwnerOnly ? scope.OwnerId : command.OwnerId;
        if (!scope.IsOwnerOnly && (command.OwnerId is null || command.OwnerId == Guid.Empty))
        {
            errors.Add("ownerId", "Required: the owner on the roster who entrusts the listing.");
        }

        var estate = command.EstateId is { } id ? await db.Estates.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken) : null;
        var price = errors.Money(command.AskingPrice, estate?.Currency, "askingPrice", MaxAskingPrice);
        if (command.AskingPrice is 0)
        {
            errors.Add("askingPrice", "An asking price above zero.");
        }

        errors.ThrowIfAny();
        scope.EnsureCanWrite(estateId, unitId);
        if (estate is null)
        {
            throw new ValidationFailedException("estateId", "No such estate in the registry.");
        }

        if (!await db.Units.AnyAsync(u => u.Id == unitId && u.EstateId == estateId, cancellationToken))
        {
            throw new ValidationFailedException("unitId", "No such unit in this estate.");
        }

        if (ownerId is not { } owner || !await db.Owners.AnyAsync(o => o.Id == owner && o.EstateId == estateId && o.UnitIds.Contains(unitId), cancellationToken))
        {
            throw new ValidationFailedException("ownerId", "Not an owner of this unit on the roster: only the owner entrusts a listing.");
        }

        var listing = PropertyListing.List(estateId, unitId, owner, kind, price, estate.Currency, notes, scope.Account(), time.GetUtcNow());
        db.Listings.Add(listing);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            throw new ConflictException(kind == ListingKind.Rent
                ? "This unit is listed for rent already: follow that listing up or close it."
                : "This unit is listed for sale already: follow that listing up or close it.");
        }

        return TypedResults.Created($"/api/reception/listings/{listing.Id}", ToResponse(listing));
    }

    /// <summary>Listings of the caller's estates (an owner: their units'), newest first; by estate, unit, kind or status.</summary>
    public static async Task<Ok<Page<ListingResponse>>> List(
        ReceptionDbContext db, Guid? estateId, Guid? unitId, string? kind, string? status, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        ListingKind? kindFilter = kind is null ? null : errors.Enum<ListingKind>(kind, "kind");
        ListingStatus? statusFilter = status is null ? null : errors.Enum<ListingStatus>(status, "status");
        errors.ThrowIfAny();
        var query = db.Listings.AsNoTracking();
        query = estateId is null ? query : query.Where(l => l.EstateId == estateId);
        query = unitId is null ? query : query.Where(l => l.UnitId == unitId);
        query = kindFilter is null ? query : query.Where(l => l.Kind == kindFilter);
        query = statusFilter is null ? query : query.Where(l => l.Status == statusFilter);
        return TypedResults.Ok(await query.ToKeysetPageAsync(l => l.ListedAt, l => l.Id, cursor, limit, ToResponse, cancellationToken));
    }

    public static async Task<Ok<ListingResponse>> Get(Guid id, ReceptionDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(ToResponse(await db.Listings.AsNoTracking().SingleOrDefaultAsync(l => l.Id == id, cancellationToken)
            ?? throw new NotFoundException("Listing", id)));

    public static async Task<Ok<ListingResponse>> FollowUp(
        Guid id, ListingFollowUpCommand command, ReceptionDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var note = errors.Text(command.Note, "note", maxLength: 2000);
        errors.ThrowIfAny();
        var listing = await FindForWriteAsync(db, scope, id, cancellationToken);
        listing.FollowUp(note, scope.Account(), time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(listing));
    }

    public static async Task<Ok<ListingResponse>> Close(
        Guid id, CloseListingCommand command, ReceptionDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var outcome = errors.Enum<ListingOutcome>(command.Outcome, "outcome");
        var note = errors.OptionalText(command.Note, "note", maxLength: 2000);
        errors.ThrowIfAny();
        var listing = await FindForWriteAsync(db, scope, id, cancellationToken);
        listing.Close(outcome, note, scope.Account(), time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(listing));
    }

    private static async Task<PropertyListing> FindForWriteAsync(ReceptionDbContext db, EstateScope scope, Guid id, CancellationToken cancellationToken)
    {
        var listing = await db.Listings.SingleOrDefaultAsync(l => l.Id == id, cancellationToken) ?? throw new NotFoundException("Listing", id);
        scope.EnsureCanWrite(listing.EstateId);
        return listing;
    }

    private static ListingResponse ToResponse(PropertyListing l) => new(
        l.Id, l.EstateId, l.UnitId!.Value, l.OwnerId, l.Kind, l.AskingPrice, l.Currency, l.Notes, l.Status, l.Outcome, l.ListedAt, l.ClosedAt,
        [.. l.FollowUps.OrderBy(f => f.At).ThenBy(f => f.Id).Select(f => new ListingFollowUpResponse(f.Note, f.By, f.At))]);
}
