using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Contracts.Notifications;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;

namespace PropertyPlatform.Reception.Features.Notifications;

/// <summary>
/// Turns a <see cref="NotificationRequested"/> into one notification for its recipient: rendered from the estate's (or
/// the group's) template in their language, in their app inbox, and queued on the channels they chose, after their
/// quiet hours unless it is urgent. What cannot be delivered at all is recorded as failed, for the desk to see.
/// </summary>
public static class NotificationIntake
{
    public const string OwnerRecipient = "owner";
    public const string StaffRecipient = "staff";
    public const string UrgentUrgency = "urgent";

    public static async Task<Notification> AcceptAsync(ReceptionDbContext db, NotificationRequested request, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var kind = request.RecipientKind == StaffRecipient ? RecipientKind.Staff : RecipientKind.Owner;
        var preferences = await db.NotificationPreferences.AsNoTracking()
            .SingleOrDefaultAsync(p => p.RecipientKind == kind && p.RecipientId == request.RecipientId && p.EstateId == request.EstateId, cancellationToken)
            ?? NotificationPreferences.Defaults(kind, request.RecipientId, request.EstateId);
        var urgent = request.Urgency == UrgentUrgency;
        var data = request.Data ?? new Dictionary<string, string>();

        var estate = await db.Estates.AsNoTracking().SingleOrDefaultAsync(e => e.Id == request.EstateId, cancellationToken);
        var owner = kind == RecipientKind.Owner
            ? await db.Owners.AsNoTracking().SingleOrDefaultAsync(o => o.Id == request.RecipientId && o.EstateId == request.EstateId, cancellationToken)
            : null;
        var (text, problem) = await TextAsync(db, request, preferences.Language, data, cancellationToken);
        problem ??= request.RecipientKind is not (OwnerRecipient or StaffRecipient) ? $"Unknown recipient kind '{request.RecipientKind}'."
            : estate is null ? $"No estate {request.EstateId} in the registry."
            : kind == RecipientKind.Owner && owner is null ? $"No owner {request.RecipientId} in this estate's roster."
            : null;

        var notification = Notification.Create(
            request.EstateId, kind, request.RecipientId, request.TemplateKey, preferences.Language, text?.Subject ?? "", text?.Body ?? "", data, urgent,
            request.EventId, request.CorrelationId, now, request.NotBefore);
        db.Notifications.Add(notification);
        if (problem is not null)
        {
            notification.Undeliverable(problem, now);
            NotificationOutcomes.Report(db, notification, notification.Deliveries.Single(), now);
            return notification;
        }

        NotificationOutcomes.Report(db, notification, notification.Deliver(NotificationChannel.App, null, notification.VisibleFrom), now);
        var due = urgent ? notification.VisibleFrom : AfterQuietHours(estate!, preferences, notification.VisibleFrom);
        if (preferences.EmailEnabled && preferences.Email is { } email)
        {
            notification.Deliver(NotificationChannel.Email, email, due);
        }

        if (preferences.SmsEnabled && owner is { Phone.Length: > 0 })
        {
            notification.Deliver(NotificationChannel.Sms, owner.Phone, due);
        }

        return notification;
    }

    /// <summary>The recipient's address on <paramref name="channel"/> as it is now (for a retry after a correction).</summary>
    public static async Task<string?> CurrentAddressAsync(ReceptionDbContext db, Notification notification, NotificationChannel channel, CancellationToken cancellationToken)
    {
        if (channel == NotificationChannel.Email)
        {
            return await db.NotificationPreferences.AsNoTracking()
                .Where(p => p.RecipientKind == notification.RecipientKind && p.RecipientId == notification.RecipientId && p.EstateId == notification.EstateId)
                .Select(p => p.Email).SingleOrDefaultAsync(cancellationToken);
        }

        return await db.Owners.AsNoTracking().Where(o => o.Id == notification.RecipientId).Select(o => o.Phone).SingleOrDefaultAsync(cancellationToken);
    }

    private static async Task<(TemplateText? Text, string? Problem)> TextAsync(
        ReceptionDbContext db, NotificationRequested request, string language, IReadOnlyDictionary<string, string> data, CancellationToken cancellationToken)
    {
        if (!NotificationTemplates.All.TryGetValue(request.TemplateKey, out var definition))
        {
            return (null, $"No template '{request.TemplateKey}'.");
        }

        var own = await db.NotificationTemplates.AsNoTracking()
            .SingleOrDefaultAsync(t => t.EstateId == request.EstateId && t.Key == request.TemplateKey && t.Language == language, cancellationToken);
        var template = own is null ? definition.Defaults[language] : new TemplateText(own.Subject, own.Body);
        try
        {
            return (new(NotificationTemplates.Render(template.Subject, data), NotificationTemplates.Render(template.Body, data)), null);
        }
        catch (TemplateDataMissingException missing)
        {
            return (null, $"Template '{request.TemplateKey}': {missing.Message}");
        }
    }

    private static DateTimeOffset AfterQuietHours(Estate estate, NotificationPreferences preferences, DateTimeOffset from)
    {
        var calendar = estate.Calendar();
        var local = calendar.ToLocal(from).DateTime;
        var end = preferences.EndOfQuietHours(local);
        return end == local ? from : calendar.ToInstant(DateOnly.FromDateTime(end), TimeOnly.FromDateTime(end));
    }
}
