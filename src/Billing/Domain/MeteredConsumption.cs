using System.Globalization;

namespace PropertyPlatform.Billing.Domain;

/// <summary>Why a metered run billed a unit or not; the preview counts the units that could not be billed.</summary>
public enum MeteredOutcome
{
    Billed,

    /// <summary>Fewer than two readings to take a difference of (no reading in the period, or only one reading at all).</summary>
    LacksReadings,

    /// <summary>The closing reading is lower than the opening one (a handover reading out of order, a replaced meter): staff must look.</summary>
    ReadingsGoDown,

    /// <summary>Nothing was used: no bill of 0.</summary>
    NothingUsed,

    /// <summary>No approved rate was in force on the closing reading's day.</summary>
    NoRate,
}

/// <summary>
/// A unit's water or electricity bill for a period [first, until): consumption = closing − opening reading, times the
/// rate, in one line rounded once (<see cref="BillingRounding"/>).
/// <list type="bullet">
/// <item>The opening reading is the meter's latest reading of a day before the period (the previous period's closing
/// reading, so consecutive periods neither skip nor bill twice what was used between them); when there is none — a
/// unit first read inside the period, e.g. at its move-in — the first reading inside the period.</item>
/// <item>The closing reading is the latest reading inside the period. Of several readings of one day, the one recorded
/// last counts (for the opening when none is earlier: the one recorded first).</item>
/// <item>The whole consumption is billed at the approved rate in force on the closing reading's day, not split by days:
/// a reading says how much was used between two days, not on which day, so a split by days would be a guess; the rate
/// in force when the meter was read is the price the owner can check on the notice.</item>
/// </list>
/// </summary>
public static class MeteredConsumption
{
    public static (MeteredOutcome Outcome, ComputedLine? Line) Bill(
        Meter meter, DateOnly first, DateOnly until, IEnumerable<MeterReading> readings, IReadOnlyList<Rate> approvedRates, string currency)
    {
        var inPeriod = readings.Where(r => r.ReadOn >= first && r.ReadOn < until).ToList();
        var closing = inPeriod.OrderByDescending(r => r.ReadOn).ThenByDescending(r => r.RecordedAt).FirstOrDefault();
        var opening = readings.Where(r => r.ReadOn < first).OrderByDescending(r => r.ReadOn).ThenByDescending(r => r.RecordedAt).FirstOrDefault()
            ?? inPeriod.OrderBy(r => r.ReadOn).ThenBy(r => r.RecordedAt).FirstOrDefault();
        if (opening is null || closing is null || opening.Id == closing.Id)
        {
            return (MeteredOutcome.LacksReadings, null);
        }

        var consumption = closing.Value - opening.Value;
        if (consumption < 0m)
        {
            return (MeteredOutcome.ReadingsGoDown, null);
        }

        if (consumption == 0m)
        {
            return (MeteredOutcome.NothingUsed, null);
        }

        var rate = approvedRates
            .Where(r => r.FeeItem == meter.FeeItem() && r.IsApproved && r.EffectiveFrom <= closing.ReadOn)
            .OrderByDescending(r => r.EffectiveFrom)
            .FirstOrDefault();
        if (rate is null)
        {
            return (MeteredOutcome.NoRate, null);
        }

        var amount = BillingRounding.Round(consumption * rate.Amount, currency);
        var explanation = string.Create(CultureInfo.InvariantCulture,
            $"{meter.Name()} {first:yyyy-MM-dd}..{until.AddDays(-1):yyyy-MM-dd}: {opening.Value:F3} ({opening.ReadOn:yyyy-MM-dd}) → {closing.Value:F3} ({closing.ReadOn:yyyy-MM-dd}) = {consumption:F3} {meter.UnitOfMeasure()} × {BillingRounding.Format(rate.Amount, currency)} {currency}");
        var line = new ComputedLine(
            meter.FeeItem(), rate.Id, rate.Amount, consumption, closing.ReadOn.DayNumber - opening.ReadOn.DayNumber, until.DayNumber - first.DayNumber, amount,
            explanation);
        return (MeteredOutcome.Billed, line);
    }
}
