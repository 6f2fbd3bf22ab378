using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Billing.Data;
using PropertyPlatform.Billing.Domain;

namespace PropertyPlatform.Billing.Features.Runs;

/// <summary>How many units a metered run could not bill, and why: the preview shows it so staff can read the meters first.</summary>
public sealed record MeteredPreviewResponse(int UnitsWithoutTwoReadings, int UnitsWithReadingsGoingDown);

/// <summary>
/// What a run needs besides units and rates, for the fee items billed from other facts: the meter readings of a
/// water or electricity period (per unit: its opening reading and the readings inside the period), the parking spaces
/// rented in a parking period. Loaded once per run for the whole estate, like the rates.
/// </summary>
public sealed class RunFacts
{
    private static readonly ILookup<Guid, MeterReading> NoReadings = Array.Empty<MeterReading>().ToLookup(r => r.UnitId);
    private static readonly ILookup<Guid, ParkingRental> NoRentals = Array.Empty<ParkingRental>().ToLookup(r => r.UnitId);

    private RunFacts(ILookup<Guid, MeterReading> readings, ILookup<Guid, ParkingRental> rentals) => (Readings, Rentals) = (readings, rentals);

    public static RunFacts None => new(NoReadings, NoRentals);

    public ILookup<Guid, MeterReading> Readings { get; }

    public ILookup<Guid, ParkingRental> Rentals { get; }

    public int UnitsWithoutTwoReadings { get; private set; }

    public int UnitsWithReadingsGoingDown { get; private set; }

    public static async Task<RunFacts> LoadAsync(BillingDbContext db, Guid estateId, FeeItem feeItem, DateOnly first, DateOnly until, CancellationToken cancellationToken)
    {
        if (feeItem == FeeItem.Parking)
        {
            var rentals = await db.ParkingRentals.AsNoTracking()
                .Where(r => r.EstateId == estateId && r.From < until && (r.Until == null || r.Until >= first)).ToListAsync(cancellationToken);
            return new(NoReadings, rentals.ToLookup(r => r.UnitId));
        }

        if (Meters.Of(feeItem) is not { } meter)
        {
            return None;
        }

        var meterName = meter.ToString();
        // Per unit, the latest reading of a day before the period (its opening), by the (estate, meter, read on) index.
        var openings = await db.MeterReadings
            .FromSql($"""
                SELECT DISTINCT ON (unit_id) * FROM meter_readings
                WHERE estate_id = {estateId} AND meter = {meterName} AND read_on < {first}
                ORDER BY unit_id, read_on DESC, recorded_at DESC
                """)
            .AsNoTracking().ToListAsync(cancellationToken);
        var inPeriod = await db.MeterReadings.AsNoTracking()
            .Where(r => r.EstateId == estateId && r.Meter == meter && r.ReadOn >= first && r.ReadOn < until).ToListAsync(cancellationToken);
        return new(openings.Concat(inPeriod).ToLookup(r => r.UnitId), NoRentals);
    }

    /// <summary>The unit's line for a metered fee item; counts the unit when it cannot be billed for want of readings.</summary>
    internal ComputedLine? Metered(Meter meter, BillableUnit unit, DateOnly first, DateOnly until, IReadOnlyList<Rate> rates, string currency)
    {
        var (outcome, line) = MeteredConsumption.Bill(meter, first, until, Readings[unit.UnitId], rates, currency);
        UnitsWithoutTwoReadings += outcome == MeteredOutcome.LacksReadings ? 1 : 0;
        UnitsWithReadingsGoingDown += outcome == MeteredOutcome.ReadingsGoDown ? 1 : 0;
        return line;
    }

    /// <summary>The unit's parking lines: one per space it rented in the period (and per rate version), none when it rents no space.</summary>
    internal IReadOnlyList<ComputedLine> Parking(BillableUnit unit, BillingPeriod period, IReadOnlyList<Rate> rates, string currency) =>
        [.. period.Months.SelectMany(month => Rentals[unit.UnitId].OrderBy(r => r.Space).ThenBy(r => r.From)
            .SelectMany(r => Proration.RentedSpaceLines(r, month, rates, currency)))];
}
