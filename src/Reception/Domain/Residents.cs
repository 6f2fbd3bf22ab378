using PropertyPlatform.ServiceDefaults.Auditing;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Reception.Domain;

public enum ResidentKind
{
    Owner,
    Tenant,
    Family,
}

/// <summary>
/// Someone living in a unit: an owner, a tenant or family. They live there over the half-open period of estate-local
/// days [<see cref="MovedInOn"/>, <see cref="MovedOutOn"/>): the moved-out day is the first day no longer lived there,
/// so a move-out on the move-in day is an empty stay. The phone is personal data.
/// </summary>
public sealed class Resident : IEstateOwned
{
    private Resident()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public Guid UnitId { get; private set; }

    /// <summary>The move-in procedure that brought them in.</summary>
    public Guid MoveInId { get; private set; }

    public ResidentKind Kind { get; private set; }

    public string FullName { get; private set; } = "";

    [PrivateData]
    public string Phone { get; private set; } = "";

    public DateOnly MovedInOn { get; private set; }

    public DateOnly? MovedOutOn { get; private set; }

    public decimal? MoveOutWaterReading { get; private set; }

    public decimal? MoveOutElectricityReading { get; private set; }

    public decimal? MoveOutGasReading { get; private set; }

    public string? MoveOutNotes { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    public DateTimeOffset? MoveOutRecordedAt { get; private set; }

    public bool HasMovedOut => MovedOutOn is not null;

    public static Resident MoveIn(
        Guid estateId, Guid unitId, Guid moveInId, ResidentKind kind, string fullName, string phone, DateOnly movedInOn, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        EstateId = estateId,
        UnitId = unitId,
        MoveInId = moveInId,
        Kind = kind,
        FullName = fullName,
        Phone = phone,
        MovedInOn = movedInOn,
        RecordedAt = at,
    };

    /// <summary>Whether they live there on <paramref name="day"/>.</summary>
    public bool LivesThereOn(DateOnly day) => MovedInOn <= day && (MovedOutOn is null || day < MovedOutOn);

    /// <summary>Whether their stay shares a day with [<paramref name="from"/>, <paramref name="to"/>) (an open end when null).</summary>
    public bool Overlaps(DateOnly from, DateOnly? to) =>
        (to is null || MovedInOn < to) && (MovedOutOn is null || from < MovedOutOn) && MovedOutOn != MovedInOn;

    /// <summary>Records the move-out; it cannot happen twice, nor before the move-in.</summary>
    public void MoveOut(DateOnly on, decimal? water, decimal? electricity, decimal? gas, string? notes, DateTimeOffset at)
    {
        if (HasMovedOut)
        {
            throw new InvalidOperationException($"Resident {Id} has moved out already.");
        }

        if (on < MovedInOn)
        {
            throw new ArgumentOutOfRangeException(nameof(on), on, $"A move-out cannot precede the move-in on {MovedInOn:yyyy-MM-dd}.");
        }

        MovedOutOn = on;
        MoveOutWaterReading = water;
        MoveOutElectricityReading = electricity;
        MoveOutGasReading = gas;
        MoveOutNotes = notes;
        MoveOutRecordedAt = at;
    }
}

/// <summary>
/// The front desk's move-in procedure (入伙) for one unit: documents checked, keys handed over, the meters read, the
/// handover notes; it brings one or more residents in from <see cref="MovedInOn"/> (estate-local).
/// </summary>
public sealed class MoveIn : IEstateOwned
{
    private MoveIn()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public Guid UnitId { get; private set; }

    public DateOnly MovedInOn { get; private set; }

    public bool DocumentsChecked { get; private set; }

    public int KeysHandedOver { get; private set; }

    /// <summary>m³.</summary>
    public decimal WaterReading { get; private set; }

    /// <summary>kWh.</summary>
    public decimal ElectricityReading { get; private set; }

    /// <summary>m³; null where the unit has no gas meter.</summary>
    public decimal? GasReading { get; private set; }

    public string? HandoverNotes { get; private set; }

    /// <summary>The clerk (token subject) who did the handover.</summary>
    public string RecordedBy { get; private set; } = "";

    public DateTimeOffset RecordedAt { get; private set; }

    public static MoveIn Record(
        Guid estateId, Guid unitId, DateOnly movedInOn, int keysHandedOver, decimal water, decimal electricity, decimal? gas,
        string? handoverNotes, string recordedBy, DateTimeOffset at)
    {
        // Keys are handed over only against checked documents: a move-in without them is not a move-in.
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(keysHandedOver);
        return new()
        {
            Id = Guid.CreateVersion7(at),
            EstateId = estateId,
            UnitId = unitId,
            MovedInOn = movedInOn,
            DocumentsChecked = true,
            KeysHandedOver = keysHandedOver,
            WaterReading = water,
            ElectricityReading = electricity,
            GasReading = gas,
            HandoverNotes = handoverNotes,
            RecordedBy = recordedBy,
            RecordedAt = at,
        };
    }
}

/// <summary>When a unit is occupied: someone lives there. Days are estate-local; every period is half-open [from, to).</summary>
public static class Occupancy
{
    /// <summary>
    /// The periods within [<paramref name="from"/>, <paramref name="to"/>) when at least one of the stays (moved in,
    /// moved out or still there) covers the unit: clipped to the window, overlapping and adjoining stays merged, in order.
    /// </summary>
    public static IReadOnlyList<(DateOnly From, DateOnly To)> Periods(IEnumerable<(DateOnly MovedIn, DateOnly? MovedOut)> stays, DateOnly from, DateOnly to)
    {
        var merged = new List<(DateOnly From, DateOnly To)>();
        var clipped = stays
            .Select(s => (From: s.MovedIn > from ? s.MovedIn : from, To: s.MovedOut is { } end && end < to ? end : to))
            .Where(s => s.From < s.To)
            .OrderBy(s => s.From);
        foreach (var stay in clipped)
        {
            if (merged.Count > 0 && stay.From <= merged[^1].To)
            {
                merged[^1] = (merged[^1].From, stay.To > merged[^1].To ? stay.To : merged[^1].To);
            }
            else
            {
                merged.Add(stay);
            }
        }

        return merged;
    }
}
