using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Maintenance.Domain;

/// <summary>The building systems the facilities register is organised by.</summary>
public enum FacilitySystem
{
    Water,
    Power,
    Hvac,
    Elevators,
    Fire,
    Cctv,
}

/// <summary>
/// One piece of equipment in an estate's facilities register: a pump, a transformer, an elevator. Its <see cref="Code"/>
/// (unique in the estate, printed on a label by the equipment) is how staff report a fault against it; a spare or
/// backup unit names the asset it stands in for.
/// </summary>
public sealed class Asset : IEstateOwned
{
    private Asset()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    /// <summary>Upper-case, unique in the estate (e.g. <c>PUMP-B2-01</c>).</summary>
    public string Code { get; private set; } = "";

    public string Name { get; private set; } = "";

    public FacilitySystem System { get; private set; }

    /// <summary>Where it stands: the common area or plant room (work orders against it are for this area).</summary>
    public string Location { get; private set; } = "";

    /// <summary>Who supplies or services it, as written on the contract.</summary>
    public string? Vendor { get; private set; }

    public string? Model { get; private set; }

    public DateOnly? InstalledOn { get; private set; }

    /// <summary>Set for a spare or backup unit: the asset it stands in for.</summary>
    public Guid? SpareForAssetId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public string CreatedBy { get; private set; } = "";

    public static Asset Register(
        Guid estateId, string code, string name, FacilitySystem system, string location, string? vendor, string? model, DateOnly? installedOn,
        Guid? spareForAssetId, Actor by, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        EstateId = estateId,
        Code = NormalizeCode(code),
        Name = name,
        System = system,
        Location = location,
        Vendor = vendor,
        Model = model,
        InstalledOn = installedOn,
        SpareForAssetId = spareForAssetId,
        CreatedAt = at,
        CreatedBy = by.Subject,
    };

    /// <summary>Codes are read off labels and typed by hand: compared trimmed and upper-case.</summary>
    public static string NormalizeCode(string code) => code.Trim().ToUpperInvariant();

    /// <summary>The trade that usually works on a system, for a fault reported against the asset without one.</summary>
    public string DefaultTrade => System switch
    {
        FacilitySystem.Water => Trades.Plumbing,
        FacilitySystem.Power or FacilitySystem.Cctv => Trades.Electrical,
        FacilitySystem.Hvac => Trades.Hvac,
        FacilitySystem.Elevators => Trades.Elevator,
        _ => Trades.General,
    };
}
