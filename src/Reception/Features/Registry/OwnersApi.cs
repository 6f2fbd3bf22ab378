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

public sealed record RegisterOwnerCommand(Guid? EstateId, string? FullName, string? Phone, string? IdNumber, Guid[]? UnitIds);

public sealed record OwnerResponse(Guid Id, Guid EstateId, string FullName, string Phone, string IdNumber, IReadOnlyList<Guid> UnitIds, DateTimeOffset RegisteredAt);

/// <summary>
/// The owner roster. Registering an owner announces <see cref="OwnerRegistered"/>, from which identity opens the owner's
/// pending app account. Phone and ID numbers are personal data: masked in lists (the ID number always, the phone for
/// roles that don't call owners back), full in a single owner's record for the front desk and the manager.
/// </summary>
public static class OwnersApi
{
    public static RouteGroupBuilder MapOwnersApi(this RouteGroupBuilder api)
    {
        var owners = api.MapGroup("/owners").WithTags("Registry");
        owners.MapPost("/", RegisterOwner).RequireRoles(ReceptionRoles.RegistryKeepers);
        owners.MapGet("/{id:guid}", GetOwner).RequireRoles(ReceptionRoles.RegistryKeepers);
        owners.MapGet("/", ListOwners).RequireRoles([.. ReceptionRoles.RegistryKeepers, PlatformRoles.Cashier]);
        return api;
    }

    public static async Task<Created<OwnerResponse>> RegisterOwner(
        RegisterOwnerCommand command, ReceptionDbContext db, EstateScope scope, TimeProvider time, CorrelationContext correlation, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var estateId = errors.Id(command.EstateId, "estateId");
        var (fullName, phone, idNumber) = RegistryRules.Owner(errors, command.FullName, command.Phone, command.IdNumber);
        var unitIds = (command.UnitIds ?? []).Distinct().ToArray();
        if (unitIds.Length == 0 || unitIds.Contains(Guid.Empty))
        {
            errors.Add("unitIds", "At least one unit of the estate is required.");
        }

        errors.ThrowIfAny();
        scope.EnsureCanWrite(estateId);
        var known = await db.Units.Where(u => u.EstateId == estateId && unitIds.Contains(u.Id)).Select(u => u.Id).ToListAsync(cancellationToken);
        if (known.Count != unitIds.Length)
        {
            throw new ValidationFailedException("unitIds", $"Not units of this estate: {string.Join(", ", unitIds.Except(known))}.");
        }

        if (await db.Owners.AnyAsync(o => o.EstateId == estateId && o.Phone == phone, cancellationToken))
        {
            throw new ConflictException("An owner with this phone number is already registered in this estate.");
        }

        var now = time.GetUtcNow();
        var owner = Owner.Register(estateId, fullName, phone, idNumber, unitIds, now);
        db.Owners.Add(owner);
        db.AddIntegrationEvent(RegistryRules.Registered(owner, now, correlation.CorrelationId));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/reception/owners/{owner.Id}", ToResponse(owner, scope));
    }

    public static async Task<Ok<OwnerResponse>> GetOwner(Guid id, ReceptionDbContext db, EstateScope scope, CancellationToken cancellationToken) =>
        TypedResults.Ok(ToResponse(await db.Owners.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, cancellationToken)
            ?? throw new NotFoundException("Owner", id), scope));

    /// <summary>The owner roster of the caller's estates, newest first, keyset-paged; optionally one estate's or one unit's.</summary>
    public static async Task<Ok<Page<OwnerResponse>>> ListOwners(
        ReceptionDbContext db, EstateScope scope, Guid? estateId, Guid? unitId, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var query = db.Owners.AsNoTracking();
        query = estateId is null ? query : query.Where(o => o.EstateId == estateId);
        query = unitId is null ? query : query.Where(o => o.UnitIds.Contains(unitId.Value));
        return TypedResults.Ok(await query.ToKeysetPageAsync(o => o.RegisteredAt, o => o.Id, cursor, limit,
            o => ToResponse(o, scope), cancellationToken));
    }

    private static OwnerResponse ToResponse(Owner o, EstateScope scope) => new(
        o.Id, o.EstateId, o.FullName, ReceptionRoles.ShownPhone(scope, o.Phone)!, ReceptionRoles.ShownIdNumber(o.IdNumber), o.UnitIds, o.RegisteredAt);
}
