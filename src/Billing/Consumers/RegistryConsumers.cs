using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Billing.Data;
using PropertyPlatform.Billing.Domain;
using PropertyPlatform.Contracts.Reception;
using PropertyPlatform.ServiceDefaults.Messaging;

namespace PropertyPlatform.Billing.Consumers;

/// <summary>Reception registered a unit: billing learns its floor area, which the management fee is billed by.</summary>
public sealed class UnitRegisteredConsumer(BillingDbContext db, TimeProvider time)
    : IdempotentConsumer<UnitRegistered, BillingDbContext>(db, time)
{
    protected override async Task HandleAsync(UnitRegistered message, CancellationToken cancellationToken) =>
        (await RegistryReadModel.FindOrAddAsync(Db, message.UnitId, message.EstateId, cancellationToken))
            .ApplyRegistered(message.OccurredAt, message.Number, message.FloorArea);
}

/// <summary>Someone moved in: the unit is billed from that day.</summary>
public sealed class ResidentMovedInConsumer(BillingDbContext db, TimeProvider time)
    : IdempotentConsumer<ResidentMovedIn, BillingDbContext>(db, time)
{
    protected override async Task HandleAsync(ResidentMovedIn message, CancellationToken cancellationToken) =>
        (await RegistryReadModel.FindOrAddAsync(Db, message.UnitId, message.EstateId, cancellationToken)).ApplyMovedIn(message.ResidentId, message.MovedInOn);
}

/// <summary>Someone moved out: once nobody lives there, the unit is no longer billed from that day.</summary>
public sealed class ResidentMovedOutConsumer(BillingDbContext db, TimeProvider time)
    : IdempotentConsumer<ResidentMovedOut, BillingDbContext>(db, time)
{
    protected override async Task HandleAsync(ResidentMovedOut message, CancellationToken cancellationToken) =>
        (await RegistryReadModel.FindOrAddAsync(Db, message.UnitId, message.EstateId, cancellationToken)).ApplyMovedOut(message.ResidentId, message.MovedOutOn);
}

/// <summary>Reception registered an owner of units: bills and receipts of those units go to them.</summary>
public sealed class OwnerRegisteredConsumer(BillingDbContext db, TimeProvider time)
    : IdempotentConsumer<OwnerRegistered, BillingDbContext>(db, time)
{
    protected override async Task HandleAsync(OwnerRegistered message, CancellationToken cancellationToken)
    {
        foreach (var unitId in message.UnitIds.Distinct())
        {
            (await RegistryReadModel.FindOrAddAsync(Db, unitId, message.EstateId, cancellationToken)).ApplyOwner(message.OccurredAt, message.OwnerId);
        }
    }
}

internal static class RegistryReadModel
{
    /// <summary>
    /// The unit's row with its stays, locked until the consumer commits, so two events about one unit (a move-in and
    /// its redelivery, handled at once) apply one after the other; a placeholder when this is the first event about it
    /// (a move-in may overtake the registration), whose concurrent twin collides on the key and is retried.
    /// </summary>
    public static async Task<BillableUnit> FindOrAddAsync(BillingDbContext db, Guid unitId, Guid estateId, CancellationToken cancellationToken)
    {
        if (db.Units.Local.SingleOrDefault(u => u.UnitId == unitId) is { } tracked)
        {
            return tracked;
        }

        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM billable_units WHERE unit_id = {unitId} FOR UPDATE", cancellationToken);
        var unit = await db.Units.Include(u => u.Stays).SingleOrDefaultAsync(u => u.UnitId == unitId, cancellationToken);
        if (unit is null)
        {
            unit = BillableUnit.Unknown(unitId, estateId);
            db.Units.Add(unit);
        }

        return unit;
    }
}
