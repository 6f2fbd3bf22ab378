using PropertyPlatform.ServiceDefaults.Auditing;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Reception.Domain;

public sealed class HouseholdPet
{
    public string Kind { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>The dog licence or registration number, where the city requires one.</summary>
    public string? Registration { get; set; }
}

public sealed class HouseholdVehicle
{
    public string Plate { get; set; } = "";

    public string? Description { get; set; }
}

public sealed class EmergencyContact
{
    [PrivateData]
    public string Name { get; set; } = "";

    public string Relation { get; set; } = "";

    [PrivateData]
    public string Phone { get; set; } = "";
}

/// <summary>
/// A household's profile (住户档案) beside the people living there (the residents of its move-ins): pets, vehicles,
/// emergency contacts and whether the household consents to being contacted (surveys, visits, notices beyond what
/// the contract requires). One per unit, replaced whole by the desk or the owner; personal data masked in lists and in
/// the audit trail.
/// </summary>
public sealed class HouseholdProfile : IUnitScoped
{
    public const int MaxEntries = 20;

    private HouseholdProfile()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public Guid? UnitId { get; private set; }

    public List<HouseholdPet> Pets { get; private set; } = [];

    public List<HouseholdVehicle> Vehicles { get; private set; } = [];

    public List<EmergencyContact> EmergencyContacts { get; private set; } = [];

    public bool ConsentToContact { get; private set; }

    /// <summary>When the consent last changed (either way), so a withdrawal is dated.</summary>
    public DateTimeOffset? ConsentChangedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public string UpdatedBy { get; private set; } = "";

    public uint Version { get; private set; }

    public static HouseholdProfile For(Guid estateId, Guid unitId, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        EstateId = estateId,
        UnitId = unitId,
        UpdatedAt = at,
    };

    public void Replace(
        IReadOnlyList<HouseholdPet> pets, IReadOnlyList<HouseholdVehicle> vehicles, IReadOnlyList<EmergencyContact> contacts, bool consentToContact,
        string by, DateTimeOffset at)
    {
        Pets = [.. pets];
        Vehicles = [.. vehicles];
        EmergencyContacts = [.. contacts];
        if (consentToContact != ConsentToContact || ConsentChangedAt is null)
        {
            ConsentChangedAt = at;
        }

        ConsentToContact = consentToContact;
        UpdatedAt = at;
        UpdatedBy = by;
    }
}
