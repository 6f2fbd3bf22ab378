using PropertyPlatform.ServiceDefaults.Auditing;
using PropertyPlatform.ServiceDefaults.Security;

namespace PropertyPlatform.Reception.Domain;

/// <summary>
/// How a person wants to be told: their language, their e-mail address, which channels besides the app inbox, and quiet
/// hours (estate-local) during which only urgent messages go out. One row per person and estate: an owner's is their
/// roster estate's; a staff member working in several estates sets each (its quiet hours are in its time zone).
/// Someone without a row gets the defaults: Chinese, SMS to the phone on the roster, no e-mail, no quiet hours.
/// </summary>
public sealed class NotificationPreferences : IEstateOwned
{
    public const string DefaultLanguage = "zh";

    private NotificationPreferences()
    {
    }

    public RecipientKind RecipientKind { get; private set; }

    public Guid RecipientId { get; private set; }

    public Guid EstateId { get; private set; }

    /// <summary><c>zh</c> or <c>en</c>.</summary>
    public string Language { get; private set; } = DefaultLanguage;

    [PrivateData]
    public string? Email { get; private set; }

    public bool EmailEnabled { get; private set; }

    public bool SmsEnabled { get; private set; } = true;

    /// <summary>Quiet hours start (estate-local); with <see cref="QuietUntil"/>, may run past midnight.</summary>
    public TimeOnly? QuietFrom { get; private set; }

    public TimeOnly? QuietUntil { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public static NotificationPreferences Defaults(RecipientKind kind, Guid recipientId, Guid estateId) =>
        new() { RecipientKind = kind, RecipientId = recipientId, EstateId = estateId };

    public void Change(string language, string? email, bool emailEnabled, bool smsEnabled, TimeOnly? quietFrom, TimeOnly? quietUntil, DateTimeOffset at)
    {
        if (emailEnabled && email is null)
        {
            throw new ArgumentException("E-mail is enabled only with an address.", nameof(emailEnabled));
        }

        if ((quietFrom is null) != (quietUntil is null) || (quietFrom is not null && quietFrom == quietUntil))
        {
            throw new ArgumentException("Quiet hours have a different start and end, or neither.", nameof(quietFrom));
        }

        Language = language;
        Email = email;
        EmailEnabled = emailEnabled;
        SmsEnabled = smsEnabled;
        QuietFrom = quietFrom;
        QuietUntil = quietUntil;
        UpdatedAt = at;
    }

    /// <summary>
    /// When a non-urgent message may go out, given <paramref name="localNow"/> in the estate's time: now, or the end of
    /// the quiet hours it falls in (the same or the next local day). Returns the local wall-clock time.
    /// </summary>
    public DateTime EndOfQuietHours(DateTime localNow)
    {
        if (QuietFrom is not { } from || QuietUntil is not { } until)
        {
            return localNow;
        }

        var time = TimeOnly.FromDateTime(localNow);
        var today = localNow.Date;
        if (from < until)
        {
            return time >= from && time < until ? today + until.ToTimeSpan() : localNow;
        }

        // Past midnight (22:00–07:00): quiet in the evening until tomorrow's end, or in the early morning until today's.
        if (time >= from)
        {
            return today.AddDays(1) + until.ToTimeSpan();
        }

        return time < until ? today + until.ToTimeSpan() : localNow;
    }
}
