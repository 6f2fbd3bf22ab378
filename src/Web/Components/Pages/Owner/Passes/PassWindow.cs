namespace PropertyPlatform.Web.Components.Pages.Owner.Passes;

/// <summary>
/// When a pass is good for, as an owner says it on a phone: the day the visitor comes (today from now, or a later day
/// from its start in the estate's time zone) and for how long. Security-gate stores and checks UTC instants.
/// </summary>
public static class PassWindow
{
    /// <summary>The choices of how long, in hours: an afternoon, a day, a weekend, a week.</summary>
    public static readonly int[] Durations = [4, 24, 72, 168];

    /// <summary>The window starting on the estate-local day <paramref name="daysAhead"/> from today, <paramref name="hours"/> long.</summary>
    public static (DateTimeOffset From, DateTimeOffset Until) For(int daysAhead, int hours, TimeZoneInfo estate, DateTimeOffset now)
    {
        var localNow = TimeZoneInfo.ConvertTime(now, estate);
        var from = daysAhead <= 0
            ? now
            : Start(DateOnly.FromDateTime(localNow.DateTime).AddDays(daysAhead), estate);
        return (from, from.AddHours(hours));
    }

    private static DateTimeOffset Start(DateOnly day, TimeZoneInfo estate)
    {
        var midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(midnight, estate.GetUtcOffset(midnight));
    }
}
