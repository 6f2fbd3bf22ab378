using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Contracts.Reception;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.Reception.Features.Notifications;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Messaging;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Reception.Features.Parcels;

/// <summary>A parcel taken in for a unit; <c>receivedAt</c> defaults to now (it may be earlier, when recorded after the fact).</summary>
public sealed record ReceiveParcelCommand(
    Guid? EstateId, Guid? UnitId, string? Carrier, string? TrackingNumber, string? Shelf, DateTimeOffset? ReceivedAt = null);

/// <summary>Who took the parcel away.</summary>
public sealed record CollectParcelCommand(string? CollectedBy);

public sealed record ParcelResponse(
    Guid Id,
    Guid EstateId,
    Guid UnitId,
    string Carrier,
    string TrackingNumber,
    string Shelf,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? CollectedAt,
    string? CollectedBy);

/// <summary>
/// Parcels and mail at the front desk: received for a unit (its owners are notified, and <see cref="ParcelArrived"/>
/// goes out for the notifier), collected once. Owners list their own units' parcels.
/// </summary>
public static class ParcelsApi
{
    /// <summary>How far back a parcel may be recorded as received.</summary>
    public static readonly TimeSpan LatestRecording = TimeSpan.FromDays(7);

    public const int DefaultWaitingDays = 3;

    public static RouteGroupBuilder MapParcelsApi(this RouteGroupBuilder api)
    {
        var parcels = api.MapGroup("/parcels").WithTags("Parcels and mail");
        parcels.MapPost("/", ReceiveParcel).RequireRoles(ReceptionRoles.Desk);
        parcels.MapGet("/", ListParcels).RequireRoles([.. ReceptionRoles.Desk, PlatformRoles.Owner]);
        parcels.MapGet("/uncollected", ListUncollected).RequireRoles(ReceptionRoles.Desk);
        parcels.MapGet("/{id:guid}", GetParcel).RequireRoles([.. ReceptionRoles.Desk, PlatformRoles.Owner]);
        parcels.MapPost("/{id:guid}/collect", CollectParcel).RequireRoles(ReceptionRoles.Desk);
        return api;
    }

    public static async Task<Created<ParcelResponse>> ReceiveParcel(
        ReceiveParcelCommand command, ReceptionDbContext db, EstateScope scope, TimeProvider time, CorrelationContext correlation, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var errors = new InputErrors();
        var estateId = errors.Id(command.EstateId, "estateId");
        var unitId = errors.Id(command.UnitId, "unitId");
        var carrier = errors.Text(command.Carrier, "carrier", maxLength: 100);
        var trackingNumber = errors.Text(command.TrackingNumber, "trackingNumber", maxLength: 100);
        var shelf = errors.Text(command.Shelf, "shelf", maxLength: 32);
        // Stored as UTC instants, whatever offset the caller wrote.
        var receivedAt = command.ReceivedAt?.ToUniversalTime() ?? now;
        if (receivedAt > now.AddMinutes(1) || receivedAt < now - LatestRecording)
        {
            errors.Add("receivedAt", $"Must not be in the future nor more than {LatestRecording.TotalDays} days ago.");
        }

        errors.ThrowIfAny();
        scope.EnsureCanWrite(estateId);
        if (!await db.Units.AnyAsync(u => u.Id == unitId && u.EstateId == estateId, cancellationToken))
        {
            throw new ValidationFailedException("unitId", "No such unit in this estate.");
        }

        receivedAt = receivedAt > now ? now : receivedAt;
        var parcel = Parcel.Receive(estateId, unitId, carrier, trackingNumber, shelf, receivedAt, scope.Account());
        db.Parcels.Add(parcel);
        await db.RequestForOwnersOfAsync(estateId, [unitId], NotificationTemplates.ParcelArrived, new Dictionary<string, string>
        {
            ["carrier"] = parcel.Carrier,
            ["trackingNumber"] = parcel.TrackingNumber,
            ["shelf"] = parcel.Shelf,
            ["parcelId"] = parcel.Id.ToString(),
        }, correlation.CorrelationId, now, cancellationToken);
        db.AddIntegrationEvent(new ParcelArrived(
            Guid.CreateVersion7(now), now, estateId, correlation.CorrelationId, parcel.Id, unitId, parcel.Carrier, parcel.TrackingNumber,
            parcel.Shelf, parcel.ReceivedAt));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/reception/parcels/{parcel.Id}", ToResponse(parcel));
    }

    public static async Task<Ok<ParcelResponse>> GetParcel(Guid id, ReceptionDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(ToResponse(await db.Parcels.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken)
            ?? throw new NotFoundException("Parcel", id)));

    /// <summary>
    /// The parcels the caller may see (the desk: their estates'; an owner: their own units'), newest first; by estate,
    /// unit, or only those still waiting.
    /// </summary>
    public static async Task<Ok<Page<ParcelResponse>>> ListParcels(
        ReceptionDbContext db, Guid? estateId, Guid? unitId, bool? waiting, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var query = db.Parcels.AsNoTracking();
        query = estateId is null ? query : query.Where(p => p.EstateId == estateId);
        query = unitId is null ? query : query.Where(p => p.UnitId == unitId);
        query = waiting switch
        {
            true => query.Where(p => p.CollectedAt == null),
            false => query.Where(p => p.CollectedAt != null),
            null => query,
        };
        return TypedResults.Ok(await query.ToKeysetPageAsync(p => p.ReceivedAt, p => p.Id, cursor, limit, ToResponse, cancellationToken));
    }

    /// <summary>Parcels still on the shelves <paramref name="olderThanDays"/> days (default 3) after they arrived, newest first.</summary>
    public static async Task<Ok<Page<ParcelResponse>>> ListUncollected(
        ReceptionDbContext db, TimeProvider time, Guid? estateId, int? olderThanDays, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var days = olderThanDays ?? DefaultWaitingDays;
        if (days is < 0 or > 365)
        {
            throw new ValidationFailedException("olderThanDays", "Must be between 0 and 365.");
        }

        var receivedBefore = time.GetUtcNow().AddDays(-days);
        var query = db.Parcels.AsNoTracking().Where(p => p.CollectedAt == null && p.ReceivedAt <= receivedBefore);
        query = estateId is null ? query : query.Where(p => p.EstateId == estateId);
        return TypedResults.Ok(await query.ToKeysetPageAsync(p => p.ReceivedAt, p => p.Id, cursor, limit, ToResponse, cancellationToken));
    }

    /// <summary>Hands the parcel over; a parcel is collected once, a second time is a conflict.</summary>
    public static async Task<Ok<ParcelResponse>> CollectParcel(
        Guid id, CollectParcelCommand command, ReceptionDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var collectedBy = errors.Text(command.CollectedBy, "collectedBy", maxLength: 200);
        errors.ThrowIfAny();
        var parcel = await db.Parcels.SingleOrDefaultAsync(p => p.Id == id, cancellationToken) ?? throw new NotFoundException("Parcel", id);
        scope.EnsureCanWrite(parcel.EstateId);
        if (!parcel.Collect(collectedBy, scope.Account(), time.GetUtcNow()))
        {
            throw new ConflictException($"The parcel was already collected at {parcel.CollectedAt:u} by {parcel.CollectedBy}.");
        }

        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(parcel));
    }

    private static ParcelResponse ToResponse(Parcel p) => new(
        p.Id, p.EstateId, p.UnitId!.Value, p.Carrier, p.TrackingNumber, p.Shelf, p.ReceivedAt, p.CollectedAt, p.CollectedBy);
}
