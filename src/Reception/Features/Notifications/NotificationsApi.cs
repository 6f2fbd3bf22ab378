using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PropertyPlatform.Reception.Data;
using PropertyPlatform.Reception.Domain;
using PropertyPlatform.ServiceDefaults.Hosting;
using PropertyPlatform.ServiceDefaults.Http;
using PropertyPlatform.ServiceDefaults.Problems;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Reception.Features.Notifications;

public sealed record DeliveryResponse(
    Guid Id, Guid NotificationId, Guid EstateId, NotificationChannel Channel, string? Address, DeliveryStatus Status, int Attempts,
    DateTimeOffset? NextAttemptAt, string? LastError, DateTimeOffset? SentAt, DateTimeOffset UpdatedAt);

public sealed record NotificationResponse(
    Guid Id, Guid EstateId, string TemplateKey, string Language, string Subject, string Body, IReadOnlyDictionary<string, string> Data, bool Urgent,
    DateTimeOffset CreatedAt, DateTimeOffset VisibleFrom, DateTimeOffset? ReadAt);

/// <summary>A person's notification settings; quiet hours as <c>HH:mm</c> in the estate's time.</summary>
public sealed record PreferencesCommand(string? Language, string? Email, bool? EmailEnabled, bool? SmsEnabled, string? QuietFrom, string? QuietUntil);

public sealed record PreferencesResponse(
    string Language, string? Email, bool EmailEnabled, bool SmsEnabled, string? QuietFrom, string? QuietUntil, DateTimeOffset? UpdatedAt);

public sealed record TemplateCommand(string? Subject, string? Body);

public sealed record TemplateResponse(
    Guid EstateId, string Key, string Language, string Subject, string Body, IReadOnlyList<string> Fields, bool EstateOwn, DateTimeOffset? UpdatedAt);

/// <summary>
/// The notification capability's API: each person's inbox and settings; the desk's view of what failed to go out, and
/// its retry; the estate's own wording of each template.
/// </summary>
public static class NotificationsApi
{
    public static RouteGroupBuilder MapNotificationsApi(this RouteGroupBuilder api)
    {
        var notifications = api.MapGroup("/notifications").WithTags("Notifications");
        string[] people = [.. PlatformRoles.Staff, PlatformRoles.Owner];
        notifications.MapGet("/", ListMine).RequireRoles(people);
        notifications.MapPost("/{id:guid}/read", MarkRead).RequireRoles(people);
        notifications.MapGet("/preferences", GetMyPreferences).RequireRoles(people);
        notifications.MapPut("/preferences", ChangeMyPreferences).RequireRoles(people);
        notifications.MapGet("/deliveries", ListDeliveries).RequireRoles(ReceptionRoles.Desk);
        notifications.MapPost("/deliveries/{id:guid}/retry", RetryDelivery).RequireRoles(ReceptionRoles.Desk);

        var owners = api.MapGroup("/owners/{ownerId:guid}/notification-preferences").WithTags("Notifications");
        owners.MapGet("/", GetOwnerPreferences).RequireRoles(ReceptionRoles.Desk);
        owners.MapPut("/", ChangeOwnerPreferences).RequireRoles(ReceptionRoles.Desk);

        var templates = api.MapGroup("/notification-templates").WithTags("Notifications").RequireRoles(ReceptionRoles.Supervisors);
        templates.MapGet("/", ListEstateTemplates);
        templates.MapGet("/{key}/{language}", GetTemplate);
        templates.MapPut("/{key}/{language}", ChangeTemplate);
        templates.MapDelete("/{key}/{language}", RevertTemplate);
        return api;
    }

    /// <summary>The caller's inbox, newest first; optionally only the unread. A message held back (<c>NotBefore</c>) appears in its time.</summary>
    public static async Task<Ok<Page<NotificationResponse>>> ListMine(
        ReceptionDbContext db, EstateScope scope, TimeProvider time, bool? unread, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var (kind, recipientId) = Recipient(scope);
        var now = time.GetUtcNow();
        var query = db.Notifications.AsNoTracking().Where(n => n.RecipientKind == kind && n.RecipientId == recipientId && n.VisibleFrom <= now);
        query = unread is true ? query.Where(n => n.ReadAt == null) : query;
        return TypedResults.Ok(await query.ToKeysetPageAsync(n => n.CreatedAt, n => n.Id, cursor, limit, ToResponse, cancellationToken));
    }

    /// <summary>Marks one of the caller's notifications read (again: no change); anyone else's is not found.</summary>
    public static async Task<Ok<NotificationResponse>> MarkRead(Guid id, ReceptionDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var (kind, recipientId) = Recipient(scope);
        var notification = await db.Notifications.SingleOrDefaultAsync(n => n.Id == id && n.RecipientKind == kind && n.RecipientId == recipientId, cancellationToken)
            ?? throw new NotFoundException("Notification", id);
        notification.MarkRead(time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(notification));
    }

    /// <summary>The caller's settings: an owner's for their roster estate; a staff member's for <paramref name="estateId"/>.</summary>
    public static async Task<Ok<PreferencesResponse>> GetMyPreferences(Guid? estateId, ReceptionDbContext db, EstateScope scope, CancellationToken cancellationToken)
    {
        var (kind, recipientId, estate) = await PreferencesAddressAsync(db, scope, estateId, cancellationToken);
        return TypedResults.Ok(ToResponse(await PreferencesOfAsync(db, kind, recipientId, estate, cancellationToken)));
    }

    public static async Task<Ok<PreferencesResponse>> ChangeMyPreferences(
        Guid? estateId, PreferencesCommand command, ReceptionDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var (kind, recipientId, estate) = await PreferencesAddressAsync(db, scope, estateId, cancellationToken);
        return TypedResults.Ok(await ChangePreferencesAsync(db, kind, recipientId, estate, command, time.GetUtcNow(), cancellationToken));
    }

    /// <summary>An owner's settings as the desk keeps them for owners without the app (in the caller's estates).</summary>
    public static async Task<Ok<PreferencesResponse>> GetOwnerPreferences(Guid ownerId, ReceptionDbContext db, CancellationToken cancellationToken)
    {
        var owner = await EnsureOwnerAsync(db, ownerId, cancellationToken);
        return TypedResults.Ok(ToResponse(await PreferencesOfAsync(db, RecipientKind.Owner, ownerId, owner.EstateId, cancellationToken)));
    }

    public static async Task<Ok<PreferencesResponse>> ChangeOwnerPreferences(
        Guid ownerId, PreferencesCommand command, ReceptionDbContext db, EstateScope scope, TimeProvider time, CancellationToken cancellationToken)
    {
        var owner = await EnsureOwnerAsync(db, ownerId, cancellationToken);
        scope.EnsureCanWrite(owner.EstateId);
        return TypedResults.Ok(await ChangePreferencesAsync(db, RecipientKind.Owner, ownerId, owner.EstateId, command, time.GetUtcNow(), cancellationToken));
    }

    /// <summary>The deliveries of the caller's estates, most recently changed first: by estate, status (e.g. <c>Failed</c>) and channel.</summary>
    public static async Task<Ok<Page<DeliveryResponse>>> ListDeliveries(
        ReceptionDbContext db, EstateScope scope, Guid? estateId, string? status, string? channel, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var statusFilter = status is null ? (DeliveryStatus?)null : errors.Enum<DeliveryStatus>(status, "status");
        var channelFilter = channel is null ? (NotificationChannel?)null : errors.Enum<NotificationChannel>(channel, "channel");
        errors.ThrowIfAny();
        var query = db.NotificationDeliveries.AsNoTracking();
        query = estateId is null ? query : query.Where(d => d.EstateId == estateId);
        query = statusFilter is null ? query : query.Where(d => d.Status == statusFilter);
        query = channelFilter is null ? query : query.Where(d => d.Channel == channelFilter);
        return TypedResults.Ok(await query.ToKeysetPageAsync(d => d.UpdatedAt, d => d.Id, cursor, limit, d => ToResponse(d, scope), cancellationToken));
    }

    /// <summary>Sends a failed e-mail or SMS again, to the recipient's address as it is now; anything else is a conflict.</summary>
    public static async Task<Ok<DeliveryResponse>> RetryDelivery(
        Guid id, ReceptionDbContext db, EstateScope scope, TimeProvider time, WorkSignal<NotificationSender> sender, CancellationToken cancellationToken)
    {
        var delivery = await db.NotificationDeliveries.SingleOrDefaultAsync(d => d.Id == id, cancellationToken) ?? throw new NotFoundException("Delivery", id);
        scope.EnsureCanWrite(delivery.EstateId);
        var notification = await db.Notifications.AsNoTracking().SingleAsync(n => n.Id == delivery.NotificationId, cancellationToken);
        var address = await NotificationIntake.CurrentAddressAsync(db, notification, delivery.Channel, cancellationToken);
        if (address is null || !delivery.Retry(address, time.GetUtcNow()))
        {
            throw new ConflictException(address is null && delivery.Status == DeliveryStatus.Failed
                ? $"The recipient has no {delivery.Channel} address now; record one first."
                : $"Only a failed e-mail or SMS is sent again; this {delivery.Channel} delivery is {delivery.Status}.");
        }

        await db.SaveChangesAsync(cancellationToken);
        sender.Notify();
        return TypedResults.Ok(ToResponse(delivery, scope));
    }

    /// <summary>The templates an estate words its own way (the others use the group's default), by key.</summary>
    public static async Task<Ok<Page<TemplateResponse>>> ListEstateTemplates(
        ReceptionDbContext db, Guid? estateId, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var query = db.NotificationTemplates.AsNoTracking();
        query = estateId is null ? query : query.Where(t => t.EstateId == estateId);
        return TypedResults.Ok(await query.ToKeysetPageAsync(t => t.UpdatedAt, t => t.Id, cursor, limit, ToResponse, cancellationToken));
    }

    /// <summary>The wording an estate sends for <paramref name="key"/> in <paramref name="language"/>: its own, or the group's default.</summary>
    public static async Task<Ok<TemplateResponse>> GetTemplate(
        string key, string language, Guid? estateId, ReceptionDbContext db, EstateScope scope, CancellationToken cancellationToken)
    {
        var (definition, estate) = CheckTemplateAddress(key, language, estateId, scope);
        var own = await db.NotificationTemplates.AsNoTracking()
            .SingleOrDefaultAsync(t => t.EstateId == estate && t.Key == key && t.Language == language, cancellationToken);
        if (own is not null)
        {
            return TypedResults.Ok(ToResponse(own));
        }

        var text = definition.Defaults[language];
        return TypedResults.Ok(new TemplateResponse(estate, key, language, text.Subject, text.Body, definition.Fields, false, null));
    }

    /// <summary>The estate's own wording; it may use only the fields the template's requests carry.</summary>
    public static async Task<Ok<TemplateResponse>> ChangeTemplate(
        string key, string language, Guid? estateId, TemplateCommand command, ReceptionDbContext db, EstateScope scope, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var (definition, estate) = CheckTemplateAddress(key, language, estateId, scope);
        var errors = new InputErrors();
        var subject = errors.Text(command.Subject, "subject", maxLength: 500);
        var body = errors.Text(command.Body, "body", maxLength: 8000);
        foreach (var (field, text) in new[] { ("subject", subject), ("body", body) })
        {
            var unknown = NotificationTemplates.Placeholders(text).Except(definition.Fields).ToList();
            if (unknown.Count > 0)
            {
                errors.Add(field, $"Unknown fields {string.Join(", ", unknown.Select(f => $"{{{f}}}"))}; '{key}' carries {string.Join(", ", definition.Fields.Select(f => $"{{{f}}}"))}.");
            }
        }

        errors.ThrowIfAny();
        scope.EnsureCanWrite(estate);
        if (!await db.Estates.AnyAsync(e => e.Id == estate, cancellationToken))
        {
            throw new NotFoundException("Estate", estate);
        }

        var now = time.GetUtcNow();
        var template = await db.NotificationTemplates.SingleOrDefaultAsync(t => t.EstateId == estate && t.Key == key && t.Language == language, cancellationToken);
        if (template is null)
        {
            template = NotificationTemplate.Create(estate, key, language, now);
            db.NotificationTemplates.Add(template);
        }

        template.Change(subject, body, scope.Account(), now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(ToResponse(template));
    }

    /// <summary>Goes back to the group's default wording (already there: no change).</summary>
    public static async Task<NoContent> RevertTemplate(
        string key, string language, Guid? estateId, ReceptionDbContext db, EstateScope scope, CancellationToken cancellationToken)
    {
        var (_, estate) = CheckTemplateAddress(key, language, estateId, scope);
        scope.EnsureCanWrite(estate);
        var template = await db.NotificationTemplates.SingleOrDefaultAsync(t => t.EstateId == estate && t.Key == key && t.Language == language, cancellationToken);
        if (template is not null)
        {
            db.NotificationTemplates.Remove(template);
            await db.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.NoContent();
    }

    /// <summary>Whose inbox and settings the caller's are: an owner's (by their roster id), or a staff member's (by account id).</summary>
    private static (RecipientKind Kind, Guid Id) Recipient(EstateScope scope)
    {
        if (scope.IsOwnerOnly)
        {
            return scope.OwnerId is { } ownerId
                ? (RecipientKind.Owner, ownerId)
                : throw new ForbiddenException("This owner account is not linked to the owner roster; ask the front desk.");
        }

        return Guid.TryParse(scope.Subject, out var staffId)
            ? (RecipientKind.Staff, staffId)
            : throw new ForbiddenException("Only people have an inbox; this caller is a service.");
    }

    /// <summary>Whose settings, for which estate: an owner's roster estate, or the estate a staff member names (one of theirs).</summary>
    private static async Task<(RecipientKind Kind, Guid Id, Guid EstateId)> PreferencesAddressAsync(
        ReceptionDbContext db, EstateScope scope, Guid? estateId, CancellationToken cancellationToken)
    {
        var (kind, recipientId) = Recipient(scope);
        if (kind == RecipientKind.Owner)
        {
            return (kind, recipientId, (await EnsureOwnerAsync(db, recipientId, cancellationToken)).EstateId);
        }

        var errors = new InputErrors();
        var estate = errors.Id(estateId, "estateId");
        errors.ThrowIfAny();
        return scope.CanSeeEstate(estate) ? (kind, recipientId, estate) : throw new NotFoundException("Estate", estate);
    }

    private static async Task<Owner> EnsureOwnerAsync(ReceptionDbContext db, Guid ownerId, CancellationToken cancellationToken) =>
        await db.Owners.AsNoTracking().SingleOrDefaultAsync(o => o.Id == ownerId, cancellationToken) ?? throw new NotFoundException("Owner", ownerId);

    private static async Task<NotificationPreferences> PreferencesOfAsync(
        ReceptionDbContext db, RecipientKind kind, Guid recipientId, Guid estateId, CancellationToken cancellationToken) =>
        await db.NotificationPreferences.SingleOrDefaultAsync(p => p.RecipientKind == kind && p.RecipientId == recipientId && p.EstateId == estateId, cancellationToken)
        ?? NotificationPreferences.Defaults(kind, recipientId, estateId);

    private static async Task<PreferencesResponse> ChangePreferencesAsync(
        ReceptionDbContext db, RecipientKind kind, Guid recipientId, Guid estateId, PreferencesCommand command, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var errors = new InputErrors();
        var language = command.Language ?? NotificationPreferences.DefaultLanguage;
        if (!NotificationTemplates.Languages.Contains(language))
        {
            errors.Add("language", $"Must be one of: {string.Join(", ", NotificationTemplates.Languages)}.");
        }

        var email = string.IsNullOrWhiteSpace(command.Email) ? null : errors.Email(command.Email, "email");
        var emailEnabled = command.EmailEnabled ?? email is not null;
        if (emailEnabled && email is null)
        {
            errors.Add("emailEnabled", "E-mail can be enabled only with an address.");
        }

        TimeOnly? quietFrom = null, quietUntil = null;
        if (command.QuietFrom is not null || command.QuietUntil is not null)
        {
            quietFrom = errors.TimeOfDay(command.QuietFrom, "quietFrom");
            quietUntil = errors.TimeOfDay(command.QuietUntil, "quietUntil");
            if (quietFrom is not null && quietFrom == quietUntil)
            {
                errors.Add("quietUntil", "Quiet hours end at another time than they start.");
            }
        }

        errors.ThrowIfAny();
        var preferences = await db.NotificationPreferences
            .SingleOrDefaultAsync(p => p.RecipientKind == kind && p.RecipientId == recipientId && p.EstateId == estateId, cancellationToken);
        if (preferences is null)
        {
            preferences = NotificationPreferences.Defaults(kind, recipientId, estateId);
            db.NotificationPreferences.Add(preferences);
        }

        preferences.Change(language, email, emailEnabled, command.SmsEnabled ?? true, quietFrom, quietUntil, now);
        await db.SaveChangesAsync(cancellationToken);
        return ToResponse(preferences);
    }

    private static (TemplateDefinition Definition, Guid EstateId) CheckTemplateAddress(string key, string language, Guid? estateId, EstateScope scope)
    {
        var errors = new InputErrors();
        if (!NotificationTemplates.All.TryGetValue(key, out var definition))
        {
            errors.Add("key", $"No template '{key}'. Known: {string.Join(", ", NotificationTemplates.All.Keys)}.");
        }

        if (!NotificationTemplates.Languages.Contains(language))
        {
            errors.Add("language", $"Must be one of: {string.Join(", ", NotificationTemplates.Languages)}.");
        }

        var estate = errors.Id(estateId, "estateId");
        errors.ThrowIfAny();
        if (!scope.CanSeeEstate(estate))
        {
            throw new NotFoundException("Estate", estate);
        }

        return (definition!, estate);
    }

    private static NotificationResponse ToResponse(Notification n) =>
        new(n.Id, n.EstateId, n.TemplateKey, n.Language, n.Subject, n.Body, n.Data, n.Urgent, n.CreatedAt, n.VisibleFrom, n.ReadAt);

    private static DeliveryResponse ToResponse(NotificationDelivery d, EstateScope scope) =>
        new(d.Id, d.NotificationId, d.EstateId, d.Channel, ShownAddress(d, scope), d.Status, d.Attempts, d.NextAttemptAt, d.LastError, d.SentAt, d.UpdatedAt);

    /// <summary>The desk sees where a message went, masked unless it calls people back (as for every phone it shows).</summary>
    private static string? ShownAddress(NotificationDelivery d, EstateScope scope) => d.Channel switch
    {
        NotificationChannel.Sms => ReceptionRoles.ShownPhone(scope, d.Address),
        NotificationChannel.Email when ReceptionRoles.MasksPhonesFor(scope) => PersonalData.MaskEmail(d.Address),
        _ => d.Address,
    };

    private static PreferencesResponse ToResponse(NotificationPreferences p) =>
        new(p.Language, p.Email, p.EmailEnabled, p.SmsEnabled, p.QuietFrom?.ToString("HH:mm", CultureInfo.InvariantCulture), p.QuietUntil?.ToString("HH:mm", CultureInfo.InvariantCulture), p.UpdatedAt == default ? null : p.UpdatedAt);

    private static TemplateResponse ToResponse(NotificationTemplate t) =>
        new(t.EstateId, t.Key, t.Language, t.Subject, t.Body, NotificationTemplates.All[t.Key].Fields, true, t.UpdatedAt);
}
