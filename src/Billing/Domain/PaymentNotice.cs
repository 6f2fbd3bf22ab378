using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Billing.Domain;

/// <summary>
/// A payment notice to one owner for one month: every open item of their units with its amount, due date and how it
/// was computed, and the total. Issued once per owner and month; sent through reception's notifications. Reception
/// reports no delivery outcome back to billing, so the status billing can know is <c>requested</c>.
/// </summary>
public sealed class PaymentNotice : IEstateOwned
{
    public const string Requested = "requested";

    public Guid Id { get; init; }

    public Guid EstateId { get; init; }

    public Guid OwnerId { get; init; }

    public DateOnly Period { get; init; }

    public decimal Total { get; init; }

    public string Currency { get; init; } = "";

    /// <summary>The earliest due date among the items: the date the owner must act by.</summary>
    public DateOnly DueOn { get; init; }

    public List<NoticeLine> Lines { get; init; } = [];

    public string DeliveryStatus { get; init; } = Requested;

    /// <summary>The <c>NotificationRequested</c> that carries it, so reception's delivery records can be matched.</summary>
    public Guid NotificationEventId { get; init; }

    public DateTimeOffset IssuedAt { get; init; }

    public string IssuedBy { get; init; } = "";
}

/// <summary>One open item on a notice; <see cref="Explanation"/> is the fee breakdown (rate × quantity × days for a bill).</summary>
public sealed record NoticeLine(Guid ReceivableId, string UnitNumber, string FeeItem, string Description, decimal Outstanding, DateOnly DueOn, string Explanation);
