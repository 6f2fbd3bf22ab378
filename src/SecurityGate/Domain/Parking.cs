using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.SecurityGate.Domain;

/// <summary>An estate's visitor parking price: the first <see cref="FreeMinutes"/> are free, then each started hour costs <see cref="HourlyRate"/>.</summary>
public sealed class ParkingTariff : IEstateOwned
{
    private ParkingTariff()
    {
    }

    public Guid EstateId { get; private set; }

    public int FreeMinutes { get; private set; }

    public decimal HourlyRate { get; private set; }

    /// <summary>The estate's currency when the tariff was set (ISO 4217).</summary>
    public string Currency { get; private set; } = "";

    public DateTimeOffset UpdatedAt { get; private set; }

    public static ParkingTariff For(Guid estateId) => new() { EstateId = estateId };

    public void Set(int freeMinutes, decimal hourlyRate, string currency, DateTimeOffset now)
    {
        FreeMinutes = freeMinutes;
        HourlyRate = hourlyRate;
        Currency = currency;
        UpdatedAt = now;
    }

    /// <summary>
    /// The fee for a stay of <paramref name="duration"/>: nothing within the free period; beyond it, every started hour
    /// of the time past the free period (so 1 minute over is one hour, and the free period is never charged).
    /// </summary>
    public decimal FeeFor(TimeSpan duration)
    {
        var over = duration - TimeSpan.FromMinutes(FreeMinutes);
        if (over <= TimeSpan.Zero)
        {
            return 0m;
        }

        var startedHours = (long)Math.Ceiling(over.TotalMinutes / 60d);
        return startedHours * HourlyRate;
    }
}

/// <summary>A resident's vehicle, registered to their unit; it leaves the register when they move out.</summary>
public sealed class ResidentVehicle : IUnitScoped
{
    private ResidentVehicle()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public Guid? UnitId { get; private set; }

    public Guid ResidentId { get; private set; }

    public string Plate { get; private set; } = "";

    public DateTimeOffset RegisteredAt { get; private set; }

    public DateTimeOffset? DeregisteredAt { get; private set; }

    public static ResidentVehicle Register(Guid estateId, Guid unitId, Guid residentId, string plate, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now), EstateId = estateId, UnitId = unitId, ResidentId = residentId, Plate = plate, RegisteredAt = now,
    };

    public void Deregister(DateTimeOffset now) => DeregisteredAt ??= now;
}

public enum VehicleKind
{
    Resident,
    Visitor,
}

/// <summary>
/// A vehicle's stay in the estate, from entry to exit. A visitor's stay past the estate's free period is charged to the
/// unit it visited, once: the charge is raised with the exit, which happens once.
/// </summary>
public sealed class ParkingSession : IUnitScoped
{
    private ParkingSession()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    /// <summary>The unit visited (for a resident, their own).</summary>
    public Guid? UnitId { get; private set; }

    public string Plate { get; private set; } = "";

    public VehicleKind Kind { get; private set; }

    public DateTimeOffset EnteredAt { get; private set; }

    public DateTimeOffset? ExitedAt { get; private set; }

    public int? DurationMinutes { get; private set; }

    public decimal? Fee { get; private set; }

    public string? Currency { get; private set; }

    public string EnteredBy { get; private set; } = "";

    public string? ExitedBy { get; private set; }

    public uint Version { get; private set; }

    public static ParkingSession Enter(Guid estateId, Guid unitId, string plate, VehicleKind kind, DateTimeOffset enteredAt, string enteredBy) => new()
    {
        Id = Guid.CreateVersion7(enteredAt), EstateId = estateId, UnitId = unitId, Plate = plate, Kind = kind, EnteredAt = enteredAt,
        EnteredBy = enteredBy,
    };

    /// <summary>Closes the stay and prices it (residents and estates without a tariff park free); false if it was closed already.</summary>
    public bool Exit(DateTimeOffset exitedAt, ParkingTariff? tariff, string exitedBy)
    {
        if (ExitedAt is not null)
        {
            return false;
        }

        ExitedAt = exitedAt;
        ExitedBy = exitedBy;
        var duration = exitedAt - EnteredAt;
        // Shown to the nearest minute; the fee is computed on the exact duration.
        DurationMinutes = (int)Math.Round(duration.TotalMinutes, MidpointRounding.AwayFromZero);
        if (Kind == VehicleKind.Visitor && tariff is not null)
        {
            Fee = tariff.FeeFor(duration);
            Currency = tariff.Currency;
        }

        return true;
    }
}
