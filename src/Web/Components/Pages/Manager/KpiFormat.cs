using System.Globalization;

namespace PropertyPlatform.Web.Components.Pages.Manager;

/// <summary>KPI figures as the board writes them: fractions as percentages in the reader's culture.</summary>
public static class KpiFormat
{
    public static string Percent(decimal fraction) => fraction.ToString("0.#%", CultureInfo.CurrentCulture);

    /// <summary>The month the board shows, <c>yyyy-MM</c>, as the KPI endpoints take it.</summary>
    public static string Month(DateOnly firstDay) => firstDay.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static DateOnly? ParseMonth(string? month) =>
        DateOnly.TryParseExact($"{month}-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
}
