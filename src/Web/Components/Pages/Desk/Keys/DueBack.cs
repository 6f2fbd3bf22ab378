using System.Globalization;
using PropertyPlatform.Web.Components.Controls;

namespace PropertyPlatform.Web.Components.Pages.Desk.Keys;

/// <summary>A key's due-back time as the clerk types it: the estate's wall clock, <c>yyyy-MM-dd HH:mm</c>.</summary>
public static class DueBack
{
    public const string Format = "yyyy-MM-dd HH:mm";

    public static string Text(DateTimeOffset instant, EstateTime estate) => estate.Local(instant).ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>The instant of an estate-local time; false for text that is not one (or a time the clocks skip).</summary>
    public static bool TryParse(string? text, EstateTime estate, out DateTimeOffset instant)
    {
        instant = default;
        if (!DateTime.TryParseExact(text?.Trim(), Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            || estate.Zone.IsInvalidTime(local))
        {
            return false;
        }

        instant = new DateTimeOffset(local, estate.Zone.GetUtcOffset(local));
        return true;
    }
}
