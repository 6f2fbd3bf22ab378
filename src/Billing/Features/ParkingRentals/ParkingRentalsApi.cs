using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Billing.Data;
using PropertyPlatform.Billing.Domain;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Billing.Features.ParkingRentals;

/// <summary>Rents <c>space</c> (e.g. B1-023) to the unit from <c>from</c> to <c>until</c> (estate-local yyyy-MM-dd, both days rented; leave <c>until</c> out while it runs).</summary>
public sealed record RentParkingSpaceCommand(string? Space, string? From, string? Until);

/// <summary>Ends a rental: <c>until</c> is its last day rented.</summary>
public sealed record EndParkingRentalCommand(string? Until);

public sealed record ParkingRentalResponse(
    Guid Id, Guid EstateId, Guid UnitId, string Space, DateOnly From, DateOnly? Until, string RentedBy, DateTimeOffset RentedAt, string? EndedBy,
    DateTimeOffset? EndedAt);

/// <summary>
/// Parking spaces rented to units, which the parking run bills per space and day. A space is rented to one unit at a
/// time: a rental that shares a day with another rental of the space in the estate is refused (409).
/// </summary>
public static class ParkingRentalsApi
{
    public static RouteGroupBuilder MapParkingRentalsApi(this RouteGroupBuilder api)
    {
        var rentals = api.MapGroup("/units/{unitId:guid}/parking-rentals").WithTags("Parking rentals");
        rentals.MapPost("/", Rent).RequireRoles(BillingRoles.ParkingLetters);
        rentals.MapPost("/{id:guid}/end", End).RequireRoles(BillingRoles.ParkingLetters);
        rentals.MapGet("/", List).RequireRoles(BillingRoles.Readers);
        return api;
    }

    public static async Task<Created<ParkingRentalResponse>> Rent(
        Guid unitId, RentParkingSpaceCommand command, BillingDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var space = errors.Text(command.Space, "space", ParkingRental.MaxSpace);
        if (command.Space is not null && space.Length > 0 && !space.Trim().All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '/' or '.'))
        {
            errors.Add("space", "Only letters, digits, '-', '/' and '.' (e.g. B1-023).");
        }

        var from = errors.LocalDate(command.From, "from");
        var until = command.Until is null ? (DateOnly?)null : errors.LocalDate(command.Until, "until");
        if (command.From is not null && until is { } last && last < from)
        {
            errors.Add("until", "Cannot be before from.");
        }

        var unit = await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.UnitId == unitId, cancellationToken) ?? throw new NotFoundException("Unit", unitId);
        scope.EnsureCanWrite(unit.EstateId, unitId);
        errors.ThrowIfAny();
        var rental = ParkingRental.Rent(unit.EstateId, unitId, space, from, until, scope.Account(), time.GetUtcNow());
        await SaveAsync(db, rental, cancellationToken);
        return TypedResults.Created($"/api/billing/units/{unitId}/parking-rentals", ToResponse(rental));
    }

    /// <summary>Sets the last day of a rental (shortening it, or extending it when the space is free).</summary>
    public static async Task<Ok<ParkingRentalResponse>> End(
        Guid unitId, Guid id, EndParkingRentalCommand command, BillingDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var until = errors.LocalDate(command.Until, "until");
        var rental = await db.ParkingRentals.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id && r.UnitId == unitId, cancellationToken)
            ?? throw new NotFoundException("Parking rental", id);
        scope.EnsureCanWrite(rental.EstateId, unitId);
        if (command.Until is not null && until < rental.From)
        {
            errors.Add("until", $"Cannot be before the rental's first day, {rental.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.");
        }

        errors.ThrowIfAny();
        if (rental.Until == until)
        {
            return TypedResults.Ok(ToResponse(rental));
        }

        rental.End(until, scope.Account(), time.GetUtcNow());
        await SaveAsync(db, rental, cancellationToken, update: true);
        return TypedResults.Ok(ToResponse(rental));
    }

    /// <summary>The unit's rentals, the latest first.</summary>
    public static async Task<Ok<Page<ParkingRentalResponse>>> List(Guid unitId, BillingDbContext db, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        if (!await db.Units.AnyAsync(u => u.UnitId == unitId, cancellationToken))
        {
            throw new NotFoundException("Unit", unitId);
        }

        return TypedResults.Ok(await db.ParkingRentals.AsNoTracking().Where(r => r.UnitId == unitId)
            .ToKeysetPageAsync(r => r.RentedAt, r => r.Id, cursor, limit, ToResponse, cancellationToken));
    }

    /// <summary>Saves the rental unless another rental of its space shares a day with it; rentals of one space queue on a lock.</summary>
    private static async Task SaveAsync(BillingDbContext db, ParkingRental rental, CancellationToken cancellationToken, bool update = false)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({$"parking-space|{rental.EstateId}|{rental.Space}"}, 0))", ct);
            var others = await db.ParkingRentals.AsNoTracking()
                .Where(r => r.EstateId == rental.EstateId && r.Space == rental.Space && r.Id != rental.Id && r.From <= (rental.Until ?? DateOnly.MaxValue))
                .ToListAsync(ct);
            if (others.FirstOrDefault(r => r.Overlaps(rental.From, rental.Until)) is { } taken)
            {
                var end = taken.Until is { } last ? last.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "open end";
                throw new ConflictException(
                    $"Space {rental.Space} is rented {taken.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}..{end} (rental '{taken.Id}'); a space is rented to one unit at a time.");
            }

            if (update)
            {
                db.ParkingRentals.Update(rental);
            }
            else
            {
                db.ParkingRentals.Add(rental);
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }, cancellationToken);
    }

    private static ParkingRentalResponse ToResponse(ParkingRental r) =>
        new(r.Id, r.EstateId, r.UnitId, r.Space, r.From, r.Until, r.RentedBy, r.RentedAt, r.EndedBy, r.EndedAt);
}
