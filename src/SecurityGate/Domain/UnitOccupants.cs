using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.SecurityGate.Domain;

/// <summary>An owner of a unit, as reception's <c>OwnerRegistered</c> announced: the host a visitor's arrival is told to.</summary>
public sealed class UnitOwner : IEstateOwned
{
    private UnitOwner()
    {
    }

    public Guid OwnerId { get; private set; }

    public Guid UnitId { get; private set; }

    public Guid EstateId { get; private set; }

    public string FullName { get; private set; } = "";

    public DateTimeOffset AsOf { get; private set; }

    public static UnitOwner Of(Guid ownerId, Guid unitId, Guid estateId) => new() { OwnerId = ownerId, UnitId = unitId, EstateId = estateId };

    public void Apply(string fullName, DateTimeOffset occurredAt)
    {
        if (occurredAt > AsOf)
        {
            FullName = fullName;
            AsOf = occurredAt;
        }
    }
}

/// <summary>
/// Someone living in a unit, from reception's <c>ResidentMovedIn</c>/<c>ResidentMovedOut</c>: whose vehicles the gate
/// registers. The two events may arrive in either order; the newer fact wins.
/// </summary>
public sealed class UnitResident : IEstateOwned
{
    private UnitResident()
    {
    }

    public Guid ResidentId { get; private set; }

    public Guid UnitId { get; private set; }

    public Guid EstateId { get; private set; }

    public string Kind { get; private set; } = "";

    public DateOnly? MovedInOn { get; private set; }

    public DateOnly? MovedOutOn { get; private set; }

    public DateTimeOffset AsOf { get; private set; }

    public bool LivesThere => MovedInOn is not null && MovedOutOn is null;

    public static UnitResident Of(Guid residentId, Guid unitId, Guid estateId) => new() { ResidentId = residentId, UnitId = unitId, EstateId = estateId };

    public void MovedIn(string kind, DateOnly movedInOn, DateTimeOffset occurredAt)
    {
        Kind = kind;
        MovedInOn = movedInOn;
        AsOf = occurredAt > AsOf ? occurredAt : AsOf;
    }

    /// <summary>A move-out is final for this stay (a later move-in is a new resident id at reception).</summary>
    public void MovedOut(string kind, DateOnly movedOutOn, DateTimeOffset occurredAt)
    {
        Kind = kind;
        MovedOutOn = movedOutOn;
        AsOf = occurredAt > AsOf ? occurredAt : AsOf;
    }
}
