namespace PropertyPlatform.ServiceDefaults.Sla;

/// <summary>
/// Deadlines fixed on the estate's wall clock rather than counted from the start: "deposit the day's cash by 17:00",
/// "the monthly summary by the 26th". Computed in the estate's time zone, so a DST change moves the UTC instant, not
/// the local time.
/// </summary>
public static class LocalDeadlines
{
    /// <summary>
    /// The first estate-local <paramref name="timeOfDay"/> strictly after <paramref name="start"/>: the same day's when the
    /// start is before it, otherwise the next day's (cash taken at 17:00 sharp or later is due by 17:00 the next day).
    /// </summary>
    public static DateTimeOffset NextLocalTimeOfDay(this EstateCalendar calendar, DateTimeOffset start, TimeOnly timeOfDay)
    {
        var date = DateOnly.FromDateTime(calendar.ToLocal(start).DateTime);
        var due = calendar.ToInstant(date, timeOfDay);
        return due > start ? due : calendar.ToInstant(date.AddDays(1), timeOfDay);
    }

    /// <summary>
    /// The first day <paramref name="dayOfMonth"/> (1-31) whose deadline lies strictly after <paramref name="start"/>: at
    /// <paramref name="timeOfDay"/> estate-local when given, otherwise at the end of that local day. A month shorter than
    /// <paramref name="dayOfMonth"/> uses its last day (the 30th falls on 28 or 29 February).
    /// </summary>
    public static DateTimeOffset NextDayOfMonth(this EstateCalendar calendar, DateTimeOffset start, int dayOfMonth, TimeOnly? timeOfDay = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dayOfMonth, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dayOfMonth, 31);
        var local = DateOnly.FromDateTime(calendar.ToLocal(start).DateTime);
        var month = new DateOnly(local.Year, local.Month, 1);
        while (true)
        {
            var day = month.AddDays(Math.Min(dayOfMonth, DateTime.DaysInMonth(month.Year, month.Month)) - 1);
            var due = timeOfDay is { } time ? calendar.ToInstant(day, time) : calendar.ToInstant(day.AddDays(1), TimeOnly.MinValue);
            if (due > start)
            {
                return due;
            }

            month = month.AddMonths(1);
        }
    }
}
