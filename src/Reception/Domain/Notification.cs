using PropertyPlatform.ServiceDefaults.Auditing;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Reception.Domain;

/// <summary>Whom a notification is for: an owner of the roster, or a staff member (their identity account id).</summary>
public enum RecipientKind
{
    Owner,
    Staff,
}

public enum NotificationChannel
{
    /// <summary>The app inbox: every notification is there.</summary>
    App,
    Email,
    Sms,
}

public enum DeliveryStatus
{
    /// <summary>Waiting for its time (quiet hours, a retry, <c>NotBefore</c>) or for the sender.</summary>
    Pending,
    Sent,

    /// <summary>Gave up after its retries, or could never be sent (no template, no such recipient): the desk sees it.</summary>
    Failed,
}

/// <summary>
/// One message to one person, rendered from its template in the recipient's language: the item of their app inbox, and
/// the record of its delivery on each channel. <see cref="RequestEventId"/> is the <c>NotificationRequested</c> it
/// answers, so a redelivered request never makes a second one.
/// </summary>
public sealed class Notification : IEstateOwned
{
    private Notification()
    {
    }

    public Guid Id { get; private set; }

    public Guid EstateId { get; private set; }

    public RecipientKind RecipientKind { get; private set; }

    public Guid RecipientId { get; private set; }

    public string TemplateKey { get; private set; } = "";

    public string Language { get; private set; } = "";

    public string Subject { get; private set; } = "";

    public string Body { get; private set; } = "";

    /// <summary>The values the template was filled with (ids the app links to, e.g. <c>parcelId</c>).</summary>
    public Dictionary<string, string> Data { get; private set; } = [];

    public bool Urgent { get; private set; }

    public Guid RequestEventId { get; private set; }

    public Guid CorrelationId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Shown in the inbox from then on (the request's <c>NotBefore</c>, else when it arrived).</summary>
    public DateTimeOffset VisibleFrom { get; private set; }

    public DateTimeOffset? ReadAt { get; private set; }

    public List<NotificationDelivery> Deliveries { get; private set; } = [];

    public static Notification Create(
        Guid estateId, RecipientKind recipientKind, Guid recipientId, string templateKey, string language, string subject, string body,
        IReadOnlyDictionary<string, string> data, bool urgent, Guid requestEventId, Guid correlationId, DateTimeOffset now, DateTimeOffset? notBefore) => new()
        {
            Id = Guid.CreateVersion7(now),
            EstateId = estateId,
            RecipientKind = recipientKind,
            RecipientId = recipientId,
            TemplateKey = templateKey,
            Language = language,
            Subject = subject,
            Body = body,
            Data = new Dictionary<string, string>(data),
            Urgent = urgent,
            RequestEventId = requestEventId,
            CorrelationId = correlationId,
            CreatedAt = now,
            VisibleFrom = notBefore > now ? notBefore.Value : now,
        };

    /// <summary>Adds a channel to deliver on; the app inbox is delivered as soon as the notification is visible.</summary>
    public NotificationDelivery Deliver(NotificationChannel channel, string? address, DateTimeOffset due)
    {
        var delivery = NotificationDelivery.For(this, channel, address, due);
        Deliveries.Add(delivery);
        return delivery;
    }

    /// <summary>A notification that can never be delivered (no template, no such recipient): recorded, failed, visible to the desk.</summary>
    public void Undeliverable(string reason, DateTimeOffset now) => Deliver(NotificationChannel.App, null, now).GiveUp(reason, now);

    /// <summary>Marks it read; reading it again keeps the first time.</summary>
    public void MarkRead(DateTimeOffset at) => ReadAt ??= at;
}

/// <summary>The delivery of a notification on one channel: its address, its attempts and what became of it.</summary>
public sealed class NotificationDelivery : IEstateOwned
{
    private NotificationDelivery()
    {
    }

    public Guid Id { get; private set; }

    public Guid NotificationId { get; private set; }

    public Guid EstateId { get; private set; }

    public NotificationChannel Channel { get; private set; }

    /// <summary>The e-mail address or phone number it goes to; none for the app inbox.</summary>
    [PrivateData]
    public string? Address { get; private set; }

    public DeliveryStatus Status { get; private set; }

    public int Attempts { get; private set; }

    /// <summary>When the sender next tries (pending only).</summary>
    public DateTimeOffset? NextAttemptAt { get; private set; }

    public string? LastError { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public uint Version { get; private set; }

    internal static NotificationDelivery For(Notification notification, NotificationChannel channel, string? address, DateTimeOffset due)
    {
        var delivery = new NotificationDelivery
        {
            Id = Guid.CreateVersion7(notification.CreatedAt),
            NotificationId = notification.Id,
            EstateId = notification.EstateId,
            Channel = channel,
            Address = address,
            UpdatedAt = notification.CreatedAt,
        };
        if (channel == NotificationChannel.App)
        {
            // The inbox item is the notification itself: it is there once it is visible.
            delivery.Status = DeliveryStatus.Sent;
            delivery.SentAt = notification.VisibleFrom;
        }
        else
        {
            delivery.Status = DeliveryStatus.Pending;
            delivery.NextAttemptAt = due;
        }

        return delivery;
    }

    public void Sent(DateTimeOffset at)
    {
        Attempts++;
        Status = DeliveryStatus.Sent;
        SentAt = at;
        NextAttemptAt = null;
        LastError = null;
        UpdatedAt = at;
    }

    /// <summary>A failed attempt: tried again after the next of <paramref name="retryDelays"/>, or failed for good when they are used up.</summary>
    public void AttemptFailed(string error, DateTimeOffset at, IReadOnlyList<TimeSpan> retryDelays)
    {
        Attempts++;
        LastError = error;
        UpdatedAt = at;
        if (Attempts > retryDelays.Count)
        {
            Status = DeliveryStatus.Failed;
            NextAttemptAt = null;
            return;
        }

        NextAttemptAt = at + retryDelays[Attempts - 1];
    }

    internal void GiveUp(string reason, DateTimeOffset at)
    {
        Status = DeliveryStatus.Failed;
        SentAt = null;
        NextAttemptAt = null;
        LastError = reason;
        UpdatedAt = at;
    }

    /// <summary>
    /// The desk sends a failed delivery again, to the recipient's address as it is now (it may have been corrected): a
    /// fresh round of attempts.
    /// </summary>
    public bool Retry(string? address, DateTimeOffset at)
    {
        if (Status != DeliveryStatus.Failed || Channel == NotificationChannel.App)
        {
            return false;
        }

        Status = DeliveryStatus.Pending;
        Address = address;
        Attempts = 0;
        NextAttemptAt = at;
        UpdatedAt = at;
        return true;
    }
}
