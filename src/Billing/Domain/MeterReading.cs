using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Billing.Domain;

/// <summary>The meters billing charges by consumption.</summary>
public enum Meter
{
    /// <summary>Read in m³.</summary>
    Water,

    /// <summary>Read in kWh.</summary>
    Electricity,
}

/// <summary>Where a reading came from: staff reading the meter, or the handover form of a move-in or move-out at reception.</summary>
public enum MeterReadingSource
{
    Staff,
    MoveIn,
    MoveOut,
}

public static class Meters
{
    /// <summary>Readings are kept to the litre / watt-hour: more decimals than this are refused, not rounded.</summary>
    public const int Decimals = 3;

    /// <summary>The highest reading accepted: far above any real meter, so a typo is caught.</summary>
    public const decimal MaxReading = 99_999_999.999m;

    public static string Name(this Meter meter) => meter == Meter.Water ? "water" : "electricity";

    public static string UnitOfMeasure(this Meter meter) => meter == Meter.Water ? "m³" : "kWh";

    public static FeeItem FeeItem(this Meter meter) => meter == Meter.Water ? Domain.FeeItem.Water : Domain.FeeItem.Electricity;

    /// <summary>The meter a metered fee item is read from; null for any other fee item.</summary>
    public static Meter? Of(FeeItem feeItem) => feeItem switch
    {
        Domain.FeeItem.Water => Meter.Water,
        Domain.FeeItem.Electricity => Meter.Electricity,
        _ => null,
    };

    public static bool TryParse(string? name, out Meter meter)
    {
        foreach (var candidate in Enum.GetValues<Meter>())
        {
            if (string.Equals(candidate.Name(), name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                meter = candidate;
                return true;
            }
        }

        meter = default;
        return false;
    }

    public static string SourceName(this MeterReadingSource source) => source switch
    {
        MeterReadingSource.MoveIn => "move-in",
        MeterReadingSource.MoveOut => "move-out",
        _ => "staff",
    };
}

/// <summary>
/// What a unit's water or electricity meter showed on an estate-local day: the facts metered bills are computed from
/// (consumption = a later reading − an earlier one). Never edited: a wrong reading is corrected by billing, not by
/// rewriting what was read. A unit may have several readings of a meter on one day only when reception's handovers
/// sent them (the API refuses a second, different reading for a day); a run then uses the one recorded last.
/// </summary>
public sealed class MeterReading : IEstateOwned
{
    private MeterReading()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public Guid UnitId { get; private set; }

    public Meter Meter { get; private set; }

    /// <summary>What the meter showed, in m³ (water) or kWh (electricity), to <see cref="Meters.Decimals"/> decimals.</summary>
    public decimal Value { get; private set; }

    /// <summary>The estate-local day the meter was read.</summary>
    public DateOnly ReadOn { get; private set; }

    public MeterReadingSource Source { get; private set; }

    public string RecordedBy { get; private set; } = "";

    public DateTimeOffset RecordedAt { get; private set; }

    public static MeterReading Record(
        Guid estateId, Guid unitId, Meter meter, decimal value, DateOnly readOn, MeterReadingSource source, string recordedBy, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        EstateId = estateId,
        UnitId = unitId,
        Meter = meter,
        Value = value,
        ReadOn = readOn,
        Source = source,
        RecordedBy = recordedBy,
        RecordedAt = now,
    };
}
