using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Billing.Domain;

/// <summary>
/// An open item on a unit's account: a posted bill, or a charge another service raised. Booked once per
/// (<see cref="Source"/>, <see cref="SourceId"/>) and never edited: payments are <see cref="Allocation"/> rows against it,
/// so what is still open is its amount less its allocations.
/// </summary>
public sealed class Receivable : IEstateOwned
{
    /// <summary>The <see cref="Source"/> of the items billing's own runs book (one per bill).</summary>
    public const string BillingSource = "billing";

    private Receivable()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public Guid UnitId { get; private set; }

    public FeeItem FeeItem { get; private set; }

    public string Description { get; private set; } = "";

    public decimal Amount { get; private set; }

    public string Currency { get; private set; } = "";

    /// <summary>Oldest first is the default order of allocation; the booking time breaks ties.</summary>
    public DateOnly DueOn { get; private set; }

    public DateTimeOffset BookedAt { get; private set; }

    public string Source { get; private set; } = "";

    public Guid SourceId { get; private set; }

    public static Receivable ForBill(Bill bill, string description) => new()
    {
        Id = Guid.CreateVersion7(bill.IssuedAt),
        EstateId = bill.EstateId,
        UnitId = bill.UnitId,
        FeeItem = bill.FeeItem,
        Description = description,
        Amount = bill.Total,
        Currency = bill.Currency,
        DueOn = bill.DueOn,
        BookedAt = bill.IssuedAt,
        Source = BillingSource,
        SourceId = bill.Id,
    };

    public static Receivable ForCharge(
        Guid estateId, Guid unitId, FeeItem feeItem, string description, decimal amount, string currency, DateOnly dueOn, string source, Guid sourceId,
        DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        EstateId = estateId,
        UnitId = unitId,
        FeeItem = feeItem,
        Description = description,
        Amount = amount,
        Currency = currency,
        DueOn = dueOn,
        BookedAt = now,
        Source = source,
        SourceId = sourceId,
    };
}

/// <summary>
/// The part of a payment that settles part or all of one open item, made at <see cref="AllocatedAt"/>: when the payment
/// was booked, or later when its credit was applied (by the counter or when a run posted). Collection figures count it
/// then, not when the payment was received.
/// </summary>
public sealed class Allocation : IEstateOwned
{
    public Guid Id { get; init; }

    public Guid EstateId { get; init; }

    public Guid PaymentId { get; init; }

    public Guid ReceivableId { get; init; }

    public decimal Amount { get; init; }

    public DateTimeOffset AllocatedAt { get; init; }
}
