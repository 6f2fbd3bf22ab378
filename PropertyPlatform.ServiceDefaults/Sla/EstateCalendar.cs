namespace PropertyPlatform.ServiceDefaults.Sla;

/// <summary>One working day of an estate: from <see cref="Open"/> to <see cref="Close"/>, estate-local time.</summary>
public readonly record struct WorkingDay(TimeOnly Open, TimeOnly Close)
{
    public TimeSpan Length => Close - Open;
}

/// <summary>
/// An estate's clock: its time zone and its working hours per weekday (a missing weekday is closed). Rules such as
/// "by 17:00" or "within 8 working hours" are evaluated here, in estate-local time; instants stay UTC everywhere else.
/// </summary>
public sealed class EstateCalendar
{
    private readonly IReadOnlyDictionary<DayOfWeek, WorkingDay> _days;

    public EstateCalendar(TimeZoneInfo timeZone, IReadOnlyDictionary<DayOfWeek, WorkingDay> workingDays)
    {
        foreach (var (day, hours) in workingDays)
        {
            if (hours.Close <= hours.Open)
            {
                throw new ArgumentException($"{day}: closing time must be after opening time.", nameof(workingDays));
            }
        }

        TimeZone = timeZone;
        _days = workingDays;
    }

    public TimeZoneInfo TimeZone { get; }

    /// <summary>Monday to Friday (or to <paramref name="lastDay"/>), the same hours each day.</summary>
    public static EstateCalendar Weekdays(string timeZoneId, TimeOnly open, TimeOnly close, DayOfWeek lastDay = DayOfWeek.Friday)
    {
        var days = new Dictionary<DayOfWeek, WorkingDay>();
        for (var day = DayOfWeek.Monday; day <= lastDay; day++)
        {
            days[day] = new WorkingDay(open, close);
        }

        if (lastDay == DayOfWeek.Saturday)
        {
            days[DayOfWeek.Saturday] = new WorkingDay(open, close);
        }

        return new EstateCalendar(TimeZoneInfo.FindSystemTimeZoneById(timeZoneId), days);
    }

    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, TimeZone);

    /// <summary>The estate-local calendar day <paramref name="instant"/> falls on ("today" in the estate).</summary>
    public DateOnly LocalDay(DateTimeOffset instant) => DateOnly.FromDateTime(ToLocal(instant).DateTime);

    /// <summary>The UTC instant of an estate-local wall-clock time (a time skipped by a DST change moves forward).</summary>
    public DateTimeOffset ToInstant(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        while (TimeZone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        return new DateTimeOffset(local, TimeZone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>The estate-local calendar month starting on <paramref name="firstDay"/>, as instants [From, To): what monthly reports count.</summary>
    public (DateTimeOffset From, DateTimeOffset To) LocalMonth(DateOnly firstDay) =>
        (ToInstant(firstDay, TimeOnly.MinValue), ToInstant(firstDay.AddMonths(1), TimeOnly.MinValue));

    /// <summary>The end of the estate-local day that <paramref name="instant"/> falls on ("the same day").</summary>
    public DateTimeOffset EndOfLocalDay(DateTimeOffset instant) =>
        ToInstant(DateOnly.FromDateTime(ToLocal(instant).DateTime).AddDays(1), TimeOnly.MinValue);

    /// <summary><paramref name="workingTime"/> of working hours after <paramref name="start"/>: the instant it runs out.</summary>
    public DateTimeOffset AddWorkingTime(DateTimeOffset start, TimeSpan workingTime)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workingTime, TimeSpan.Zero);
        if (_days.Count == 0)
        {
            throw new InvalidOperationException("The estate has no working days.");
        }

        var remaining = workingTime;
        var local = ToLocal(start);
        var date = DateOnly.FromDateTime(local.DateTime);
        var cursor = start;
        while (true)
        {
            if (_days.TryGetValue(date.DayOfWeek, out var hours))
            {
                var open = ToInstant(date, hours.Open);
                var close = ToInstant(date, hours.Close);
                var from = cursor > open ? cursor : open;
                if (from < close)
                {
                    var available = close - from;
                    if (remaining <= available)
                    {
                        return from + remaining;
                    }

                    remaining -= available;
                }
            }

            date = date.AddDays(1);
            cursor = ToInstant(date, TimeOnly.MinValue);
        }
    }

    /// <summary>How much working time lies between two instants (zero if <paramref name="to"/> is not later).</summary>
    public TimeSpan WorkingTimeBetween(DateTimeOffset from, DateTimeOffset to)
    {
        var total = TimeSpan.Zero;
        var date = DateOnly.FromDateTime(ToLocal(from).DateTime);
        var lastDate = DateOnly.FromDateTime(ToLocal(to).DateTime);
        for (; date <= lastDate; date = date.AddDays(1))
        {
            if (!_days.TryGetValue(date.DayOfWeek, out var hours))
            {
                continue;
            }

            var open = ToInstant(date, hours.Open);
            var close = ToInstant(date, hours.Close);
            var start = from > open ? from : open;
            var end = to < close ? to : close;
            if (end > start)
            {
                total += end - start;
            }
        }

        return total;
    }
}
