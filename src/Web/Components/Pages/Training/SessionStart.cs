using System.Globalization;
using PropertyPlatform.Web.Components.Controls;

namespace PropertyPlatform.Web.Components.Pages.Training;

/// <summary>
/// A session's start as the trainer picks it in an <c>&lt;input type="datetime-local"&gt;</c> and as hr-training takes it:
/// the estate's wall clock, <c>yyyy-MM-ddTHH:mm</c> with no offset — hr-training turns it into an instant with the
/// estate's calendar, so the trainer's computer's time zone never enters.
/// </summary>
public static class SessionStart
{
    public const string Format = "yyyy-MM-ddTHH:mm";

    private static readonly string[] Formats = [Format, Format + ":ss", Format + ":ss.FFF"];

    /// <summary>The picker's first value: tomorrow at 09:00 on the estate's clock.</summary>
    public static string Tomorrow(EstateTime estate, TimeProvider time) =>
        estate.Today(time).AddDays(1).ToDateTime(new TimeOnly(9, 0)).ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>
    /// What is sent: the picked time without the seconds a browser may add; anything else as it was typed (an empty or
    /// half-filled picker), for hr-training to say what it must be, next to the field.
    /// </summary>
    public static string? ToSend(string? picked) =>
        DateTime.TryParseExact(picked?.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? local.ToString(Format, CultureInfo.InvariantCulture)
            : string.IsNullOrWhiteSpace(picked) ? null : picked;
}
