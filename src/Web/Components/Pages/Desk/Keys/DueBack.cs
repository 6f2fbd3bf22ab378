using System.Globalization;
using PropertyPlatform.Web.Components.Controls;

namespace PropertyPlatform.Web.Components.Pages.Desk.Keys;

/// <summary>
/// A key's due-back time as the clerk picks it in an <c>&lt;input type="datetime-local"&gt;</c>: the estate's wall clock,
/// whatever the clerk's computer's time zone.
/// </summary>
public static class DueBack
{
    /// <summary>The picker's value: <c>yyyy-MM-ddTHH:mm</c> (a browser adds <c>:ss</c> when seconds were set).</summary>
    public const string Format = "yyyy-MM-ddTHH:mm";

    private static readonly string[] Formats = [Format, Format + ":ss", Format + ":ss.FFF"];

    /// <summary>The resource key of a value that is no date and time (left empty, half filled in).</summary>
    public const string NotATime = "DueBackNotATime";

    /// <summary>The resource key of a time that has already passed on the estate's clock.</summary>
    public const string Passed = "DueBackPassed";

    public static string Value(DateTimeOffset instant, EstateTime estate) => estate.Local(instant).ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>The instant of an estate-local time; false for a value that is not one (or a time the clocks skip).</summary>
    public static bool TryParse(string? value, EstateTime estate, out DateTimeOffset instant)
    {
        instant = default;
        if (!DateTime.TryParseExact(value?.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            || estate.Zone.IsInvalidTime(local))
        {
            return false;
        }

        instant = new DateTimeOffset(local, estate.Zone.GetUtcOffset(local));
        return true;
    }

    /// <summary>The field's error (<see cref="NotATime"/>, <see cref="Passed"/>), or null and the instant of a time still to come.</summary>
    public static string? Check(string? value, EstateTime estate, DateTimeOffset now, out DateTimeOffset instant) =>
        !TryParse(value, estate, out instant) ? NotATime
        : instant <= now ? Passed
        : null;
}
