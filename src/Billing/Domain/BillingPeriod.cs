using System.Globalization;

namespace PropertyPlatform.Billing.Domain;

/// <summary>How often an estate bills a rated fee item: a run covers one month, one quarter or one year.</summary>
public enum BillingFrequency
{
    Monthly,
    Quarterly,
    Yearly,
}

/// <summary>
/// The days a run bills, <see cref="First"/> to <see cref="Last"/> inclusive: a month (<c>2026-11</c>), a quarter
/// (<c>2026-Q4</c>) or a year (<c>2026</c>). Proration stays per month inside it (<see cref="Months"/>).
/// </summary>
public readonly record struct BillingPeriod(DateOnly First, DateOnly Last)
{
    public BillingFrequency Frequency => MonthCount switch
    {
        12 => BillingFrequency.Yearly,
        3 => BillingFrequency.Quarterly,
        _ => BillingFrequency.Monthly,
    };

    public int MonthCount => ((Last.Year - First.Year) * 12) + Last.Month - First.Month + 1;

    /// <summary>The first day of each month of the period.</summary>
    public IEnumerable<DateOnly> Months
    {
        get
        {
            for (var month = First; month <= Last; month = month.AddMonths(1))
            {
                yield return month;
            }
        }
    }

    /// <summary>The first day after the period.</summary>
    public DateOnly End => Last.AddDays(1);

    public bool Overlaps(DateOnly first, DateOnly last) => First <= last && first <= Last;

    public static BillingPeriod Month(DateOnly first) => new(first, first.AddMonths(1).AddDays(-1));

    public static BillingPeriod Of(BillingFrequency frequency, DateOnly first) => frequency switch
    {
        BillingFrequency.Quarterly => new(first, first.AddMonths(3).AddDays(-1)),
        BillingFrequency.Yearly => new(first, first.AddYears(1).AddDays(-1)),
        _ => Month(first),
    };

    /// <summary>Reads <c>2026-11</c>, <c>2026-Q4</c> or <c>2026</c>.</summary>
    public static bool TryParse(string? text, out BillingPeriod period)
    {
        period = default;
        var value = text?.Trim() ?? "";
        if (value.Length == 4 && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year >= 2000)
        {
            period = Of(BillingFrequency.Yearly, new DateOnly(year, 1, 1));
            return true;
        }

        if (value.Length == 7 && value[4] == '-' && (value[5] == 'Q' || value[5] == 'q')
            && int.TryParse(value[..4], NumberStyles.None, CultureInfo.InvariantCulture, out year) && year >= 2000
            && value[6] is >= '1' and <= '4')
        {
            period = Of(BillingFrequency.Quarterly, new DateOnly(year, ((value[6] - '1') * 3) + 1, 1));
            return true;
        }

        if (value.Length == 7 && DateOnly.TryParseExact($"{value}-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first)
            && first.Year >= 2000)
        {
            period = Month(first);
            return true;
        }

        return false;
    }

    /// <summary>The period as it is entered and shown: <c>2026-11</c>, <c>2026-Q4</c>, <c>2026</c>.</summary>
    public override string ToString() => Frequency switch
    {
        BillingFrequency.Yearly => First.Year.ToString(CultureInfo.InvariantCulture),
        BillingFrequency.Quarterly => string.Create(CultureInfo.InvariantCulture, $"{First.Year}-Q{((First.Month - 1) / 3) + 1}"),
        _ => First.ToString("yyyy-MM", CultureInfo.InvariantCulture),
    };
}

public static class BillingFrequencies
{
    public static string Name(this BillingFrequency frequency) => frequency.ToString().ToLowerInvariant();

    /// <summary>How the period is written for this frequency, for error messages.</summary>
    public static string Form(this BillingFrequency frequency) => frequency switch
    {
        BillingFrequency.Quarterly => "a quarter written yyyy-Qn, e.g. 2026-Q4",
        BillingFrequency.Yearly => "a year written yyyy, e.g. 2026",
        _ => "a month written yyyy-MM, e.g. 2026-11",
    };
}
