using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Billing.Domain;

/// <summary>
/// An estate's billing terms, set by its manager: how many days after a run is posted its bills fall due. An estate
/// that never set them has <see cref="DefaultPaymentTermDays"/>. Read when a run posts, so a change applies to later runs only.
/// </summary>
public sealed class EstateBillingTerms : IEstateOwned
{
    public const int DefaultPaymentTermDays = 15;
    public const int MaxPaymentTermDays = 90;

    public Guid EstateId { get; init; }

    public int PaymentTermDays { get; set; } = DefaultPaymentTermDays;

    public DateTimeOffset UpdatedAt { get; set; }

    public string UpdatedBy { get; set; } = "";

    /// <summary>A bill posted on the estate-local day <paramref name="postedOn"/> is due on this day (and overdue the day after).</summary>
    public static DateOnly DueOn(DateOnly postedOn, int paymentTermDays) => postedOn.AddDays(paymentTermDays);
}

/// <summary>How often an estate bills one rated fee item; a fee item without a row is billed monthly.</summary>
public sealed class FeeItemFrequency : IEstateOwned
{
    public Guid EstateId { get; init; }

    public FeeItem FeeItem { get; init; }

    public BillingFrequency Frequency { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string UpdatedBy { get; set; } = "";
}
