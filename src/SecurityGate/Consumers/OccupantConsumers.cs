using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Contracts.Reception;
using PropertyPlatform.SecurityGate.Data;
using PropertyPlatform.SecurityGate.Domain;
using PropertyPlatform.ServiceDefaults.Messaging;

namespace PropertyPlatform.SecurityGate.Consumers;

/// <summary>Reception registered an owner: the gate learns whom to tell when a visitor arrives at each of their units.</summary>
public sealed class OwnerRegisteredConsumer(SecurityGateDbContext db, TimeProvider time)
    : IdempotentConsumer<OwnerRegistered, SecurityGateDbContext>(db, time)
{
    protected override async Task HandleAsync(OwnerRegistered message, CancellationToken cancellationToken)
    {
        var known = await Db.UnitOwners.Where(o => o.OwnerId == message.OwnerId).ToListAsync(cancellationToken);
        foreach (var unitId in message.UnitIds.Distinct())
        {
            var owner = known.SingleOrDefault(o => o.UnitId == unitId);
            if (owner is null)
            {
                owner = UnitOwner.Of(message.OwnerId, unitId, message.EstateId);
                Db.UnitOwners.Add(owner);
            }

            owner.Apply(message.FullName, message.OccurredAt);
        }
    }
}

/// <summary>Someone moved into a unit: they may register vehicles to it.</summary>
public sealed class ResidentMovedInConsumer(SecurityGateDbContext db, TimeProvider time)
    : IdempotentConsumer<ResidentMovedIn, SecurityGateDbContext>(db, time)
{
    protected override async Task HandleAsync(ResidentMovedIn message, CancellationToken cancellationToken)
    {
        var resident = await Residents.FindOrAddAsync(Db, message.ResidentId, message.UnitId, message.EstateId, cancellationToken);
        resident.MovedIn(message.Kind, message.MovedInOn, message.OccurredAt);
    }
}

/// <summary>Someone moved out: their vehicles leave the register (they park as visitors from now on).</summary>
public sealed class ResidentMovedOutConsumer(SecurityGateDbContext db, TimeProvider time)
    : IdempotentConsumer<ResidentMovedOut, SecurityGateDbContext>(db, time)
{
    protected override async Task HandleAsync(ResidentMovedOut message, CancellationToken cancellationToken)
    {
        var resident = await Residents.FindOrAddAsync(Db, message.ResidentId, message.UnitId, message.EstateId, cancellationToken);
        resident.MovedOut(message.Kind, message.MovedOutOn, message.OccurredAt);
        var vehicles = await Db.ResidentVehicles.Where(v => v.ResidentId == message.ResidentId && v.DeregisteredAt == null).ToListAsync(cancellationToken);
        foreach (var vehicle in vehicles)
        {
            vehicle.Deregister(message.OccurredAt);
        }
    }
}

internal static class Residents
{
    /// <summary>The resident's row; new when this is the first event about them (a move-out may overtake its move-in).</summary>
    public static async Task<UnitResident> FindOrAddAsync(SecurityGateDbContext db, Guid residentId, Guid unitId, Guid estateId, CancellationToken cancellationToken)
    {
        var resident = await db.UnitResidents.SingleOrDefaultAsync(r => r.ResidentId == residentId, cancellationToken);
        if (resident is null)
        {
            resident = UnitResident.Of(residentId, unitId, estateId);
            db.UnitResidents.Add(resident);
        }

        return resident;
    }
}
