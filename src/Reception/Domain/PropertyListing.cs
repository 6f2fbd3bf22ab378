using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Reception.Domain;

public enum ListingKind
{
    Rent,
    Sale,
}

public enum ListingStatus
{
    Listed,
    Closed,
}

public enum ListingOutcome
{
    Let,
    Sold,
    Withdrawn,
}

/// <summary>
/// An owner's rental or sale listing entrusted to the front desk (委托租售): the unit, the asking price in the estate's
/// currency, the desk's follow-ups, and how it closed (let, sold, withdrawn). Nothing is edited after it closes.
/// </summary>
public sealed class PropertyListing : IUnitScoped
{
    private PropertyListing()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public Guid? UnitId { get; private set; }

    /// <summary>The owner on the roster who entrusted it.</summary>
    public Guid OwnerId { get; private set; }

    public ListingKind Kind { get; private set; }

    /// <summary>The asking price: per month for a rental, the total for a sale.</summary>
    public decimal AskingPrice { get; private set; }

    public string Currency { get; private set; } = "";

    public string? Notes { get; private set; }

    public ListingStatus Status { get; private set; }

    public ListingOutcome? Outcome { get; private set; }

    public DateTimeOffset ListedAt { get; private set; }

    public string ListedBy { get; private set; } = "";

    public DateTimeOffset? ClosedAt { get; private set; }

    public string? ClosedBy { get; private set; }

    public List<ListingFollowUp> FollowUps { get; private set; } = [];

    public uint Version { get; private set; }

    public static PropertyListing List(
        Guid estateId, Guid unitId, Guid ownerId, ListingKind kind, decimal askingPrice, string currency, string? notes, string by, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(at),
        EstateId = estateId,
        UnitId = unitId,
        OwnerId = ownerId,
        Kind = kind,
        AskingPrice = askingPrice,
        Currency = currency,
        Notes = notes,
        Status = ListingStatus.Listed,
        ListedAt = at,
        ListedBy = by,
    };

    /// <summary>A viewing, an enquiry, a call to the owner: what the desk did, attributed.</summary>
    public void FollowUp(string note, string by, DateTimeOffset at)
    {
        EnsureListed();
        FollowUps.Add(new ListingFollowUp(Guid.CreateVersion7(at), EstateId, Id, note, by, at));
    }

    public void Close(ListingOutcome outcome, string? note, string by, DateTimeOffset at)
    {
        EnsureListed();
        if (outcome == ListingOutcome.Let && Kind != ListingKind.Rent || outcome == ListingOutcome.Sold && Kind != ListingKind.Sale)
        {
            throw new ValidationFailedException("outcome", Kind == ListingKind.Rent
                ? "A rent listing closes as let or withdrawn."
                : "A sale listing closes as sold or withdrawn.");
        }

        if (note is not null)
        {
            FollowUps.Add(new ListingFollowUp(Guid.CreateVersion7(at), EstateId, Id, note, by, at));
        }

        Status = ListingStatus.Closed;
        Outcome = outcome;
        ClosedAt = at;
        ClosedBy = by;
    }

    private void EnsureListed()
    {
        if (Status == ListingStatus.Closed)
        {
            throw new ConflictException($"The listing closed already ({Outcome}).");
        }
    }
}

public sealed class ListingFollowUp : IEstateOwned
{
    public ListingFollowUp(Guid id, Guid estateId, Guid listingId, string note, string by, DateTimeOffset at)
    {
        Id = id;
        EstateId = estateId;
        ListingId = listingId;
        Note = note;
        By = by;
        At = at;
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public Guid ListingId { get; private set; }

    public string Note { get; private set; }

    public string By { get; private set; }

    public DateTimeOffset At { get; private set; }
}
