using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Reception.Domain;

/// <summary>
/// A parcel or letter received at the front desk for a unit, kept on a shelf until someone collects it — once.
/// Owners see the parcels of their own units.
/// </summary>
public sealed class Parcel : IUnitScoped
{
    private Parcel()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    /// <summary>The unit it is for; always set (nullable only because that is the shape of <see cref="IUnitScoped"/>).</summary>
    public Guid? UnitId { get; private set; }

    public string Carrier { get; private set; } = "";

    public string TrackingNumber { get; private set; } = "";

    /// <summary>Where on the shelves it waits, e.g. <c>A-3</c>.</summary>
    public string Shelf { get; private set; } = "";

    public DateTimeOffset ReceivedAt { get; private set; }

    /// <summary>The account (token subject) that took the parcel in.</summary>
    public string ReceivedBy { get; private set; } = "";

    public DateTimeOffset? CollectedAt { get; private set; }

    /// <summary>The named person who took the parcel away.</summary>
    public string? CollectedBy { get; private set; }

    /// <summary>The account that handed it over.</summary>
    public string? HandedOverBy { get; private set; }

    public uint Version { get; private set; }

    public bool IsCollected => CollectedAt is not null;

    public static Parcel Receive(
        Guid estateId, Guid unitId, string carrier, string trackingNumber, string shelf, DateTimeOffset receivedAt, string receivedBy) => new()
        {
            Id = Guid.CreateVersion7(receivedAt),
            EstateId = estateId,
            UnitId = unitId,
            Carrier = carrier.Trim(),
            TrackingNumber = trackingNumber.Trim(),
            Shelf = shelf.Trim(),
            ReceivedAt = receivedAt,
            ReceivedBy = receivedBy,
        };

    /// <summary>Hands the parcel over to <paramref name="collectedBy"/>; false when it was collected already.</summary>
    public bool Collect(string collectedBy, string handedOverBy, DateTimeOffset at)
    {
        if (IsCollected)
        {
            return false;
        }

        if (at < ReceivedAt)
        {
            throw new ArgumentException("A parcel cannot be collected before it arrived.", nameof(at));
        }

        CollectedAt = at;
        CollectedBy = collectedBy.Trim();
        HandedOverBy = handedOverBy;
        return true;
    }
}
