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

/// <summary>Someone moved in: the unit is billed from that day, and the handover's meter readings open its metered bills.</summary>
public sealed class ResidentMovedInConsumer(BillingDbContext db, TimeProvider time)
    : IdempotentConsumer<ResidentMovedIn, BillingDbContext>(db, time)
{
    protected override async Task HandleAsync(ResidentMovedIn message, CancellationToken cancellationToken)
    {
        var unit = await RegistryReadModel.FindOrAddAsync(Db, message.UnitId, message.EstateId, cancellationToken);
        unit.ApplyMovedIn(message.ResidentId, message.MovedInOn);
        await HandoverReadings.RecordAsync(Db, unit, message.Readings, message.MovedInOn, MeterReadingSource.MoveIn, Time.GetUtcNow(), cancellationToken);
    }
}

/// <summary>Someone moved out: once nobody lives there, the unit is no longer billed from that day; the handover's meter readings are kept.</summary>
public sealed class ResidentMovedOutConsumer(BillingDbContext db, TimeProvider time)
    : IdempotentConsumer<ResidentMovedOut, BillingDbContext>(db, time)
{
    protected override async Task HandleAsync(ResidentMovedOut message, CancellationToken cancellationToken)
    {
        var unit = await RegistryReadModel.FindOrAddAsync(Db, message.UnitId, message.EstateId, cancellationToken);
        unit.ApplyMovedOut(message.ResidentId, message.MovedOutOn);
        if (message.Readings is { } readings)
        {
            await HandoverReadings.RecordAsync(Db, unit, readings, message.MovedOutOn, MeterReadingSource.MoveOut, Time.GetUtcNow(), cancellationToken);
        }
    }
}

/// <summary>
/// The water and electricity readings of a move-in or move-out form, kept as the unit's readings of that day (gas is
/// not billed by billing, so its reading is left to reception). Called under the unit's hold (<see cref="RegistryReadModel"/>).
/// </summary>
internal static class HandoverReadings
{
    public const string RecordedBy = "reception";

    public static async Task RecordAsync(
        BillingDbContext db, BillableUnit unit, MeterReadings readings, DateOnly on, MeterReadingSource source, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var (meter, value) in new[] { (Meter.Water, readings.Water), (Meter.Electricity, readings.Electricity) })
        {
            // A move-in of several residents is one event per resident, all with the same form's readings: one reading is kept.
            // (A redelivered event never gets here: the inbox has it.)
            if (await db.MeterReadings.AnyAsync(
                    r => r.UnitId == unit.UnitId && r.Meter == meter && r.ReadOn == on && r.Source == source && r.Value == value, cancellationToken))
            {
                continue;
            }

            // Unlike the API, nothing is refused here, not even a reading lower than an earlier one: the handover form is
            // what the resident and the front desk signed, and refusing it would only send the event to the error queue
            // and lose the move. A reading that goes down makes the run leave the unit unbilled and count it in the
            // preview (readingsGoingDown), where staff see it and record a correct reading.
            db.MeterReadings.Add(MeterReading.Record(unit.EstateId, unit.UnitId, meter, value, on, source, RecordedBy, now));
        }
    }
}

/// <summary>Reception registered an owner of units: bills and receipts of those units go to them.</summary>
public sealed class OwnerRegisteredConsumer(BillingDbContext db, TimeProvider time)
    : IdempotentConsumer<OwnerRegistered, BillingDbContext>(db, time)
{
    protected override async Task HandleAsync(OwnerRegistered message, CancellationToken cancellationToken)
    {
        // In id order: two owner events naming the same units then take their locks in the same order, never each other's.
        foreach (var unitId in message.UnitIds.Distinct().Order())
        {
            (await RegistryReadModel.FindOrAddAsync(Db, unitId, message.EstateId, cancellationToken)).ApplyOwner(message.OccurredAt, message.OwnerId);
        }
    }
}

internal static class RegistryReadModel
{
    /// <summary>
    /// The unit's row with its stays, held until the consumer commits, so events about one unit apply one after the
    /// other: a move-in and its redelivery, or the first events about a new unit (its registration and its owner, a
    /// move-in that overtook the registration) handled at once. A placeholder when this is the first event about it.
    /// The hold is a transaction-scoped advisory lock on the unit's id, since the row may not exist yet: the first
    /// consumer adds the placeholder, the others wait for its commit and find the row. (A row lock alone let both see no
    /// row and both insert, and the second collided on <c>pk_billable_units</c> until its retry.) The row lock is kept
    /// as well: payments settle a unit's account under it.
    /// </summary>
    public static async Task<BillableUnit> FindOrAddAsync(BillingDbContext db, Guid unitId, Guid estateId, CancellationToken cancellationToken)
    {
        if (db.Units.Local.SingleOrDefault(u => u.UnitId == unitId) is { } tracked)
        {
            return tracked;
        }

        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({$"billable-unit|{unitId}"}, 0))", cancellationToken);
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
