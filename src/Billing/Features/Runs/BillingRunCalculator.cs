using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Billing.Data;
using PropertyPlatform.Billing.Domain;

namespace PropertyPlatform.Billing.Features.Runs;

/// <summary>A unit's bill as a run computes it: what a preview shows and what posting stores, from the same code.</summary>
public sealed record ComputedBill(BillableUnit Unit, IReadOnlyList<ComputedLine> Lines)
{
    public decimal Total => Lines.Sum(l => l.Amount);
}

/// <summary>Computes the bills of an estate, period and fee item from billing's registry copy and the approved rates.</summary>
internal static class BillingRunCalculator
{
    /// <summary>The units of the estate, in a stable order (their id), with what is known of their occupancy.</summary>
    public static IQueryable<BillableUnit> Units(BillingDbContext db, Guid estateId) =>
        db.Units.AsNoTracking().Include(u => u.Stays).Where(u => u.EstateId == estateId).OrderBy(u => u.UnitId);

    public static Task<List<Rate>> RatesAsync(BillingDbContext db, Guid estateId, FeeItem feeItem, CancellationToken cancellationToken) =>
        db.Rates.AsNoTracking().Where(r => r.EstateId == estateId && r.FeeItem == feeItem && r.ApprovedAt != null).ToListAsync(cancellationToken);

    /// <summary>
    /// The unit's bill for the period; null when nothing is owed (nobody lived there, no rate, or its floor area is not
    /// known yet; for water and electricity: fewer than two readings, see <see cref="MeteredConsumption"/>; for parking:
    /// no space rented, see <see cref="Proration.RentedSpaceLines"/>).
    /// </summary>
    public static ComputedBill? Compute(BillableUnit unit, FeeItem feeItem, BillingPeriod period, IReadOnlyList<Rate> rates, string currency, RunFacts? facts = null)
    {
        if (Meters.Of(feeItem) is { } meter)
        {
            return (facts ?? RunFacts.None).Metered(meter, unit, period.First, period.End, rates, currency) is { } line ? new ComputedBill(unit, [line]) : null;
        }

        if (feeItem == FeeItem.Parking)
        {
            var spaces = (facts ?? RunFacts.None).Parking(unit, period, rates, currency);
            return spaces.Count == 0 ? null : new ComputedBill(unit, spaces);
        }

        if (Proration.Quantity(feeItem, unit) is not { } quantity)
        {
            return null;
        }

        var lines = Proration.PeriodLines(feeItem, period, quantity, unit.OccupiedDays(period.First, period.End), rates, currency);
        return lines.Count == 0 ? null : new ComputedBill(unit, lines);
    }
}
