using System.Globalization;

namespace PropertyPlatform.Billing.Domain;

/// <summary>A line of a bill as a run computes it, before it is stored.</summary>
public sealed record ComputedLine(FeeItem FeeItem, Guid RateId, decimal Rate, decimal Quantity, int Days, int DaysInPeriod, decimal Amount, string Explanation);

/// <summary>
/// Prorates a monthly fee by day: a unit pays for the days someone lived in it, each day at the rate in force that
/// day, i.e. rate × quantity × days ÷ days in the month. Days billed at the same rate version make one line, rounded
/// once (<see cref="BillingRounding"/>); a rate that changes mid-month gives two lines.
/// </summary>
public static class Proration
{
    /// <summary>
    /// A quarter's or a year's lines: each month of the period prorated on its own (<see cref="MonthlyLines"/>), so a
    /// full quarter is exactly three monthly fees and every line names its month's days.
    /// </summary>
    public static IReadOnlyList<ComputedLine> PeriodLines(
        FeeItem feeItem, BillingPeriod period, decimal quantity, IReadOnlyList<DateOnly> occupiedDays, IReadOnlyList<Rate> approvedRates, string currency) =>
        [.. period.Months.SelectMany(month => MonthlyLines(
            feeItem, month, quantity, [.. occupiedDays.Where(d => d >= month && d < month.AddMonths(1))], approvedRates, currency))];

    public static IReadOnlyList<ComputedLine> MonthlyLines(
        FeeItem feeItem, DateOnly month, decimal quantity, IReadOnlyList<DateOnly> occupiedDays, IReadOnlyList<Rate> approvedRates, string currency)
    {
        var daysInMonth = DateTime.DaysInMonth(month.Year, month.Month);
        var versions = approvedRates.Where(r => r.FeeItem == feeItem && r.IsApproved).OrderByDescending(r => r.EffectiveFrom).ToList();
        return occupiedDays
            .Select(day => (Day: day, Rate: versions.FirstOrDefault(r => r.EffectiveFrom <= day)))
            .Where(x => x.Rate is not null)
            .GroupBy(x => x.Rate!)
            .OrderBy(g => g.Min(x => x.Day))
            .Select(g =>
            {
                var days = g.Count();
                var exact = g.Key.Amount * quantity * days / daysInMonth;
                var first = g.Min(x => x.Day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                var last = g.Max(x => x.Day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                var explanation = string.Create(CultureInfo.InvariantCulture,
                    $"{feeItem.Name()} {first}..{last}: {g.Key.Amount} {currency} × {quantity} × {days}/{daysInMonth} days");
                return new ComputedLine(feeItem, g.Key.Id, g.Key.Amount, quantity, days, daysInMonth, BillingRounding.Round(exact, currency), explanation);
            })
            .ToList();
    }

    /// <summary>
    /// A rented parking space's lines for the month: the monthly rate × 1 space × days rented ÷ days in the month, per
    /// rate version, whether or not anyone lives in the unit. Each line names the space, so two spaces read as two lines.
    /// </summary>
    public static IEnumerable<ComputedLine> RentedSpaceLines(ParkingRental rental, DateOnly month, IReadOnlyList<Rate> approvedRates, string currency)
    {
        var prefix = FeeItem.Parking.Name();
        return MonthlyLines(FeeItem.Parking, month, 1m, rental.RentedDays(month, month.AddMonths(1)), approvedRates, currency)
            .Select(line => line with { Explanation = $"{prefix} space {rental.Space}{line.Explanation[prefix.Length..]}" });
    }

    /// <summary>
    /// What a rate is multiplied by for a lived-in unit: its floor area; null when it cannot be billed yet (area unknown)
    /// or is not billed by occupancy (parking is billed per rented space: <see cref="RentedSpaceLines"/>).
    /// </summary>
    public static decimal? Quantity(FeeItem feeItem, BillableUnit unit) => feeItem.Basis() switch
    {
        RateBasis.PerSquareMetrePerMonth => unit.FloorArea,
        _ => null,
    };
}
