using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Billing.Domain;

/// <summary>
/// A payment notice to one owner for one month: every open item of their units with its amount, due date and how it
/// was computed, and the total. Issued once per owner and month; sent through reception's notifications, which report
/// each channel's outcome back (<see cref="Deliveries"/>).
/// </summary>
public sealed class PaymentNotice : IEstateOwned
{
    /// <summary>Asked of reception; no channel has reported yet.</summary>
    public const string Requested = "requested";

    /// <summary>At least one channel reached the owner (the app's inbox, an e-mail, an SMS).</summary>
    public const string Sent = "sent";

    /// <summary>Every channel reported so far failed: the owner has not been told.</summary>
    public const string Failed = "failed";

    public Guid Id { get; init; }

    public Guid EstateId { get; init; }

    public Guid OwnerId { get; init; }

    public DateOnly Period { get; init; }

    public decimal Total { get; init; }

    public string Currency { get; init; } = "";

    /// <summary>The earliest due date among the items: the date the owner must act by.</summary>
    public DateOnly DueOn { get; init; }

    public List<NoticeLine> Lines { get; init; } = [];

    /// <summary><see cref="Sent"/> once any channel reached the owner, <see cref="Failed"/> while all reported ones failed, else <see cref="Requested"/>.</summary>
    public string DeliveryStatus { get; private set; } = Requested;

    /// <summary>The latest outcome reported per channel.</summary>
    public List<NoticeDelivery> Deliveries { get; private set; } = [];

    /// <summary>The <c>NotificationRequested</c> that carries it, so reception's delivery records can be matched.</summary>
    public Guid NotificationEventId { get; init; }

    public DateTimeOffset IssuedAt { get; init; }

    public string IssuedBy { get; init; } = "";

    /// <summary>
    /// Records reception's outcome for one channel, unless an outcome reported later for that channel is already here
    /// (reports can arrive out of order: a desk's resend reports again). Returns whether anything changed.
    /// </summary>
    public bool Reported(string channel, string status, string? reason, DateTimeOffset at)
    {
        var current = Deliveries.FirstOrDefault(d => d.Channel == channel);
        if (current is not null && current.At >= at)
        {
            return false;
        }

        Deliveries = [.. Deliveries.Where(d => d.Channel != channel), new NoticeDelivery(channel, status, reason, at)];
        DeliveryStatus = Deliveries.Any(d => d.Status == Sent) ? Sent : Deliveries.Any(d => d.Status == Failed) ? Failed : Requested;
        return true;
    }
}

/// <summary>A channel's outcome as reception reported it: <c>sent</c> or <c>failed</c>, with its reason.</summary>
public sealed record NoticeDelivery(string Channel, string Status, string? Reason, DateTimeOffset At);

/// <summary>One open item on a notice; <see cref="Explanation"/> is the fee breakdown (rate × quantity × days for a bill).</summary>
public sealed record NoticeLine(Guid ReceivableId, string UnitNumber, string FeeItem, string Description, decimal Outstanding, DateOnly DueOn, string Explanation);
