using System.Globalization;

namespace PropertyPlatform.Web.Components.Controls;

/// <summary>Instants as the estate's clock shows them: every date and time on screen is in the estate's time zone.</summary>
public sealed class EstateTime(string timeZoneId)
{
    public TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);

    public DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    public DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(Local(time.GetUtcNow()).DateTime);

    public bool IsToday(DateTimeOffset instant, TimeProvider time) => DateOnly.FromDateTime(Local(instant).DateTime) == Today(time);

    public string Time(DateTimeOffset instant) => Local(instant).ToString("HH:mm", CultureInfo.CurrentCulture);

    public string DateAndTime(DateTimeOffset instant) => Local(instant).ToString("g", CultureInfo.CurrentCulture);
}
